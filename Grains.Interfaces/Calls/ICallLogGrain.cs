using Orleans.Concurrency;

namespace VoicePlatform.Calls;

/// <summary>
/// A tenant's call list, read from the call-record projection. Keyed by tenant id; a stateless worker, because it
/// holds nothing and every silo may answer.
/// </summary>
[Alias("vp.ICallLogGrain")]
public interface ICallLogGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<Common.Page<CallRecord>> ListAsync(CallListQuery query);

    /// <summary>Minutes and money per day (in the tenant's time zone), agent, campaign or brand.</summary>
    [ReadOnly]
    Task<IReadOnlyList<UsageGroup>> UsageAsync(UsageQuery query);

    /// <summary>The floor's figures over the <see cref="Live.FloorFigures.Window"/> before <paramref name="now"/>, from the calls that ended in it.</summary>
    [ReadOnly]
    Task<Live.FloorFigures> FloorAsync(DateTimeOffset now);
}
