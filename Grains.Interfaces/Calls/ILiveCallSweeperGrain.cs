namespace VoicePlatform.Calls;

/// <summary>
/// The cluster's safety net for live calls: one reminder (not one per call) that finds every call the projection
/// still shows as live and wakes it, so a call whose silo crashed — or a whole cluster that restarted — reconciles
/// with LiveKit again. Keyed <see cref="Key"/>; each silo makes sure the reminder exists when it starts.
/// </summary>
[Alias("vp.ILiveCallSweeperGrain")]
public interface ILiveCallSweeperGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Registers the sweep reminder (idempotent).</summary>
    Task StartAsync();

    /// <summary>One sweep now: wakes every live call; answers how many it woke.</summary>
    Task<int> SweepAsync();
}
