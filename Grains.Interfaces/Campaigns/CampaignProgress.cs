using VoicePlatform.Leads;

namespace VoicePlatform.Campaigns;

/// <summary>Where a campaign stands: its leads by status, live calls, pace, and why it is not dialing when it is not.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignProgress")]
public sealed record CampaignProgress
{
    [Id(0)] public IReadOnlyDictionary<LeadStatus, int> LeadsByStatus { get; init; } = new Dictionary<LeadStatus, int>();
    [Id(1)] public int LiveCalls { get; init; }
    /// <summary>Dials placed in the last minute.</summary>
    [Id(2)] public int DialsLastMinute { get; init; }
    /// <summary>Null while it is dialing.</summary>
    [Id(3)] public NotDialing? NotDialing { get; init; }
    [Id(4)] public DateTimeOffset? StartedAt { get; init; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Attempts that ended, by what they came to (no-answer, busy, conversation…).</summary>
    [Id(6)] public IReadOnlyDictionary<string, int> AttemptsByOutcome { get; init; } = new Dictionary<string, int>();
    /// <summary>The dial rate the campaign steers to now (its configured rate unless it slowed for abandoned calls).</summary>
    [Id(7)] public int CurrentDialsPerMinute { get; init; }
    /// <summary>Abandoned answered calls over the last 30 days, in percent of answered calls (the figure regulators ask for).</summary>
    [Id(8)] public double AbandonRatePercent30Days { get; init; }
    /// <summary>The same over the recent window the campaign steers by; null while too few calls were answered to tell.</summary>
    [Id(9)] public double? RecentAbandonRatePercent { get; init; }
    [Id(10)] public int AnsweredLast30Days { get; init; }
    /// <summary>
    /// When the leads still waiting should all have been dialed once at the current pace, counting only the time its
    /// windows are open in its leads' zones; a floor (retries add dials). Null when not running or nothing waits.
    /// </summary>
    [Id(11)] public DateTimeOffset? EstimatedCompletionAt { get; init; }
}
