using Orleans.Concurrency;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Inbound;

/// <summary>
/// The callers a tenant refuses on all its numbers, keyed by the tenant id. Small by nature (spam and abusive callers,
/// at most <see cref="MaxCallers"/>), so it is one grain state; every inbound call reads it once as it arrives.
/// </summary>
[Alias("vp.ICallerBlocklistGrain")]
public interface ICallerBlocklistGrain : IGrainWithStringKey
{
    const int MaxCallers = 2_000;

    /// <summary>Lists the caller; one already listed keeps its entry (Ok, not Created). Conflict when the list is full.</summary>
    Task<WriteResult<BlockedCaller>> AddAsync(BlockedCaller caller);

    /// <summary>Takes the caller off the list; NotFound when it was not on it.</summary>
    Task<WriteResult<BlockedCaller>> RemoveAsync(string number);

    [ReadOnly]
    Task<BlockedCaller?> FindAsync(string number);

    [ReadOnly]
    Task<Page<BlockedCaller>> ListAsync(string? after, int limit);
}

public static class GrainFactoryInboundExtensions
{
    public static ICallerBlocklistGrain GetCallerBlocklist(this IGrainFactory grains, TenantId tenant) => grains.GetGrain<ICallerBlocklistGrain>(tenant.Value);
}
