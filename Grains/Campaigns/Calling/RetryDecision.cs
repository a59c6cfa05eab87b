namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// What happens to a lead after an attempt: <see cref="RetryNotBefore"/> is set when it is tried again (the caller moves
/// it into the lead's next lawful moment); otherwise the lead is finished as <see cref="Final"/>.
/// </summary>
public sealed record RetryDecision(DateTimeOffset? RetryNotBefore, LeadFinish? Final, string Reason)
{
    public static RetryDecision Retry(DateTimeOffset at, string reason) => new(at, null, reason);

    public static RetryDecision Finish(LeadFinish final, string reason) => new(null, final, reason);
}

/// <summary>How a lead ends.</summary>
public enum LeadFinish
{
    Completed,
    Exhausted,
    DoNotCall,
}
