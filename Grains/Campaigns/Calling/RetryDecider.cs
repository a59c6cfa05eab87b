using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>The retry policy as a function: an attempt's outcome and the lead's attempts so far give the lead's next step.</summary>
public static class RetryDecider
{
    /// <param name="attemptsWithOutcome">Attempts of this lead that ended with <paramref name="outcome"/>, this one included.</param>
    /// <param name="attemptsInAll">All attempts of this lead, this one included.</param>
    public static RetryDecision Decide(RetryPolicy policy, AttemptOutcome outcome, int attemptsWithOutcome, int attemptsInAll,
        DateTimeOffset endedAt, DateTimeOffset? callbackAt = null)
    {
        switch (outcome)
        {
            case AttemptOutcome.DoNotCall:
                return RetryDecision.Finish(LeadFinish.DoNotCall, "the callee asked not to be called again");
            case AttemptOutcome.Conversation:
                return RetryDecision.Finish(LeadFinish.Completed, "the conversation took place");
        }
        if (attemptsInAll >= policy.MaxAttemptsPerLead)
            return RetryDecision.Finish(LeadFinish.Exhausted, $"{attemptsInAll} attempts, the most the campaign makes for one lead");
        if (outcome == AttemptOutcome.CallbackRequested)
        {
            // A callback at a time already past (or none given) is returned as soon as lawful.
            var at = callbackAt is { } asked && asked > endedAt ? asked : endedAt;
            return RetryDecision.Retry(at, "the callee asked to be called back");
        }
        var rule = outcome switch
        {
            AttemptOutcome.NoAnswer => policy.NoAnswer,
            AttemptOutcome.Busy => policy.Busy,
            AttemptOutcome.Voicemail => policy.Voicemail,
            _ => policy.Failed,
        };
        var name = outcome.ToString().ToLowerInvariant();
        return attemptsWithOutcome >= rule.MaxAttempts
            ? RetryDecision.Finish(LeadFinish.Exhausted, $"{attemptsWithOutcome} attempts ended {name}, the most the policy allows")
            : RetryDecision.Retry(endedAt.AddMinutes(rule.DelayMinutes), $"{name}: retry after {rule.DelayMinutes} minutes");
    }
}
