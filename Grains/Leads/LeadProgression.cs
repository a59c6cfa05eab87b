using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// What becomes of a lead when its claimed attempt is over, free of Orleans: the attempt recorded, then the retry
/// policy's decision (finish, or back in the queue at the retry time moved into the lead's next lawful moment). An
/// attempt that never reached the phone network is not counted and the lead goes back in the queue.
/// </summary>
public static class LeadProgression
{
    /// <summary>How long a lead whose dial was refused before it rang waits before it is tried again.</summary>
    public static readonly TimeSpan UndialedRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The lead (claimed, status Dialing) after its call <paramref name="ended"/>; its revision one higher. Retry delays
    /// count from <paramref name="now"/> on the calling clock (when the end was heard), like every calling decision.
    /// </summary>
    public static LeadRecord AfterCall(LeadRecord lead, LeadCallEnded ended, CampaignSettings settings, DateTimeOffset now)
    {
        if (ended.DialedAt is null)
            return Requeue(lead, settings, now, $"The call was not dialed ({ended.EndReason.Kebab()}); the attempt is not counted.");

        var outcome = AttemptOutcomes.Of(ended.EndReason, ended.Disposition);
        var name = outcome.Kebab();
        var withOutcome = lead.AttemptLog.Count(a => a.Outcome == name) + 1;
        var decision = RetryDecider.Decide(settings.Retry, outcome, withOutcome, lead.Attempts, now, ended.CallbackAt);
        var attempt = new LeadAttempt
        {
            Number = lead.Attempts,
            CallId = ended.CallId,
            DialedAt = lead.LastDialedAt ?? ended.DialedAt.Value,
            AnsweredAt = ended.AnsweredAt,
            EndedAt = ended.EndedAt,
            EndReason = ended.EndReason,
            Disposition = ended.Disposition,
            Outcome = name,
            Abandoned = ended.Abandoned,
        };
        var recorded = lead with
        {
            AttemptLog = [.. lead.AttemptLog, attempt],
            Disposition = ended.Disposition ?? lead.Disposition,
            Revision = lead.Revision + 1,
            UpdatedAt = now,
        };
        if (decision.Final is { } final)
        {
            var status = final switch
            {
                LeadFinish.Completed => LeadStatus.Completed,
                LeadFinish.DoNotCall => LeadStatus.DoNotCall,
                _ => LeadStatus.Exhausted,
            };
            return WithDecision(recorded with { Status = status, NextCallableAt = null, StatusReason = Capitalised(decision.Reason) }, decision.Reason);
        }

        var scheduled = Schedule(recorded, settings, decision.RetryNotBefore!.Value, LeadStatus.RetryScheduled);
        var said = scheduled.NextCallableAt is { } at ? $"{decision.Reason}; next attempt at {at:u}" : scheduled.StatusReason ?? decision.Reason;
        return WithDecision(scheduled with { StatusReason = scheduled.StatusReason ?? Capitalised(decision.Reason) }, said);
    }

    /// <summary>
    /// The lead called one of the tenant's numbers and the call <paramref name="ended"/> after an answer (a returned call):
    /// the call is recorded on the lead as an inbound attempt, which is not a dial (no attempt limit or frequency cap
    /// counts it). A lead still waiting in the queue — for a retry or the callback it asked for — is decided by it as by
    /// an answered dial: a conversation completes it, a new callback request reschedules it. A lead being dialed right
    /// now is left to that call; a finished one only gains the record (or becomes do-not-call if the caller asked).
    /// Null when there is nothing to change: not answered, or this call's record already says the same.
    /// </summary>
    public static LeadRecord? AfterReturnedCall(LeadRecord lead, LeadCallEnded ended, CampaignSettings settings, DateTimeOffset now)
    {
        if (ended.AnsweredAt is not { } answeredAt) return null;
        var outcome = AttemptOutcomes.Of(ended.EndReason, ended.Disposition);
        var attempt = new LeadAttempt
        {
            Number = lead.Attempts,
            CallId = ended.CallId,
            DialedAt = ended.DialedAt ?? answeredAt,
            AnsweredAt = answeredAt,
            EndedAt = ended.EndedAt,
            EndReason = ended.EndReason,
            Disposition = ended.Disposition,
            Outcome = outcome.Kebab(),
            Direction = CallDirection.Inbound,
        };
        var index = lead.AttemptLog.ToList().FindIndex(a => a.CallId == ended.CallId);
        if (index >= 0 && lead.AttemptLog[index] with { Decision = null } == attempt) return null;
        var log = lead.AttemptLog.ToList();
        if (index >= 0) log[index] = attempt;
        else log.Add(attempt);
        var recorded = lead with { AttemptLog = log, Disposition = ended.Disposition ?? lead.Disposition, Revision = lead.Revision + 1, UpdatedAt = now };

        if (lead.Status is LeadStatus.Dialing or LeadStatus.InCall) return recorded;
        if (lead.Status is LeadStatus.Completed or LeadStatus.Exhausted or LeadStatus.DoNotCall or LeadStatus.NoConsent or LeadStatus.Invalid)
            return outcome == AttemptOutcome.DoNotCall
                ? recorded with { Status = LeadStatus.DoNotCall, NextCallableAt = null, StatusReason = "The caller asked, on a call it made, not to be called again" }
                : recorded;

        var decision = RetryDecider.Decide(settings.Retry, outcome, 1, lead.Attempts, now, ended.CallbackAt);
        if (decision.Final is { } final)
        {
            var status = final switch
            {
                LeadFinish.Completed => LeadStatus.Completed,
                LeadFinish.DoNotCall => LeadStatus.DoNotCall,
                _ => LeadStatus.Exhausted,
            };
            var reason = $"it called back: {decision.Reason}";
            return WithDecisionOn(recorded with { Status = status, NextCallableAt = null, StatusReason = Capitalised(reason) }, ended.CallId, reason);
        }
        if (outcome != AttemptOutcome.CallbackRequested) return recorded;
        var scheduled = Schedule(recorded, settings, decision.RetryNotBefore!.Value, LeadStatus.RetryScheduled);
        return WithDecisionOn(scheduled with { StatusReason = scheduled.StatusReason ?? "It called back and asked to be called back" }, ended.CallId, "it called back and asked to be called back");
    }

    private static LeadRecord WithDecisionOn(LeadRecord lead, CallId call, string decision) =>
        lead with { AttemptLog = lead.AttemptLog.Select(a => a.CallId == call ? a with { Decision = decision } : a).ToList() };

    /// <summary>Back in the queue, the claimed attempt not counted (it never rang), tried again after a short wait.</summary>
    public static LeadRecord Requeue(LeadRecord lead, CampaignSettings settings, DateTimeOffset now, string reason) =>
        Uncounted(lead, settings, now, now + UndialedRetryDelay, lead.AttemptLog.Where(a => a.Direction == CallDirection.Outbound).Select(a => a.DialedAt).ToList(), reason);

    /// <summary>
    /// Not dialed now because the calling rules or windows as they are now forbid this moment (changed after the lead was
    /// queued): back in the queue at its next lawful moment, the claimed attempt not counted.
    /// </summary>
    public static LeadRecord OutsideCallingTime(LeadRecord lead, CampaignSettings settings, DateTimeOffset now) =>
        Uncounted(lead, settings, now, now, lead.AttemptLog.Where(a => a.Direction == CallDirection.Outbound).Select(a => a.DialedAt).ToList(),
            "Not dialed: the calling rules or windows as they are now forbid calling this number at this moment; queued for its next lawful time.");

    /// <summary>
    /// Not dialed now because the number's frequency cap across the tenant's campaigns is reached: back in the queue
    /// at the moment the cap allows (and its windows and rules), the claimed attempt not counted.
    /// </summary>
    public static LeadRecord Defer(LeadRecord lead, CampaignSettings settings, DateTimeOffset now, IReadOnlyList<DateTimeOffset> dialsOfNumber, string reason) =>
        Uncounted(lead, settings, now, now, dialsOfNumber, reason);

    /// <summary>The claimed attempt taken back and the lead queued at its next lawful moment from <paramref name="notBefore"/>, keeping every cap over <paramref name="earlierDials"/>.</summary>
    private static LeadRecord Uncounted(LeadRecord lead, CampaignSettings settings, DateTimeOffset now, DateTimeOffset notBefore, IReadOnlyList<DateTimeOffset> earlierDials, string reason)
    {
        var uncounted = lead with { Attempts = Math.Max(0, lead.Attempts - 1), Revision = lead.Revision + 1, UpdatedAt = now };
        if (!PhoneNumberParser.TryParse(lead.Phone, out var number, out var why))
            return uncounted with { Status = LeadStatus.Invalid, NextCallableAt = null, StatusReason = why };
        var status = uncounted.Attempts == 0 ? LeadStatus.Scheduled : LeadStatus.RetryScheduled;
        var scheduled = LeadAdmission.Schedule(uncounted, number, CallingPolicy.Of(settings), notBefore, earlierDials, status);
        return scheduled with { StatusReason = scheduled.Status == LeadStatus.Invalid ? scheduled.StatusReason : reason };
    }

    /// <summary>Finished without a call: its number went on the do-not-call list after it was imported.</summary>
    public static LeadRecord ListedDoNotCall(LeadRecord lead, DateTimeOffset now) => lead with
    {
        Attempts = Math.Max(0, lead.Attempts - 1),
        Status = LeadStatus.DoNotCall,
        NextCallableAt = null,
        StatusReason = "The number was put on the tenant's do-not-call list before this dial; it was not called.",
        Revision = lead.Revision + 1,
        UpdatedAt = now,
    };

    /// <summary>
    /// A disposition that came after the lead was decided (the agent reports after the callee hung up): the last
    /// attempt decided again with it. Null when it changes nothing or the report is not about the last attempt.
    /// </summary>
    public static LeadRecord? Amend(LeadRecord lead, LeadCallEnded ended, CampaignSettings settings, DateTimeOffset now)
    {
        if (lead.Status == LeadStatus.Dialing || lead.AttemptLog.Count == 0) return null;
        var last = lead.AttemptLog[^1];
        if (last.CallId != ended.CallId || (last.Disposition == ended.Disposition && last.EndReason == ended.EndReason)) return null;
        var before = lead with { AttemptLog = lead.AttemptLog.Take(lead.AttemptLog.Count - 1).ToList(), Status = LeadStatus.Dialing, LastDialedAt = last.DialedAt };
        return AfterCall(before, ended, settings, now);
    }

    private static LeadRecord Schedule(LeadRecord lead, CampaignSettings settings, DateTimeOffset notBefore, LeadStatus status)
    {
        if (!PhoneNumberParser.TryParse(lead.Phone, out var number, out var why))
            return lead with { Status = LeadStatus.Invalid, NextCallableAt = null, StatusReason = why };
        return LeadAdmission.Schedule(lead, number, CallingPolicy.Of(settings), notBefore,
            lead.AttemptLog.Where(a => a.Direction == CallDirection.Outbound).Select(a => a.DialedAt).ToList(), status);
    }

    private static LeadRecord WithDecision(LeadRecord lead, string decision)
    {
        var log = lead.AttemptLog.ToList();
        log[^1] = log[^1] with { Decision = decision };
        return lead with { AttemptLog = log };
    }

    private static string Capitalised(string reason) => reason.Length == 0 ? reason : char.ToUpperInvariant(reason[0]) + reason[1..];
}
