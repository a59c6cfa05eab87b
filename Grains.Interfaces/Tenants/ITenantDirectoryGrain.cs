using Orleans.Concurrency;

namespace VoicePlatform.Tenants;

/// <summary>
/// The operator's index of tenants, so listing never scans grains. Only tenant lifecycle changes
/// write to it (rare, operator-driven), never a request path.
/// </summary>
[Alias("vp.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "tenants";

    Task UpsertAsync(TenantListing listing);

    [ReadOnly]
    Task<TenantPage> ListAsync(string? after, int limit);
}
