using VoicePlatform.Calls;
using VoicePlatform.Leads;

namespace VoicePlatform.Grains.Leads;

/// <summary>A campaign call's end as its lead needs it, read off the call.</summary>
public static class CallEndings
{
    /// <summary>Null while the call is live.</summary>
    public static LeadCallEnded? Of(CallView call) => call.Status != CallStatus.Ended || call.EndReason is not { } reason
        ? null
        : new LeadCallEnded
        {
            CallId = call.Id,
            EndReason = reason,
            EndedAt = call.EndedAt ?? call.QueuedAt,
            AnsweredAt = call.AnsweredAt,
            // Only a call marked never dialed rang nobody; a lost dial time (a crash before the next durable write)
            // is taken as a dial at the queue time, so the lead counts it and never rings again blindly.
            DialedAt = call.NeverDialed ? null : call.DialingAt ?? call.QueuedAt,
            Disposition = call.Outcome?.Disposition,
            CallbackAt = call.Outcome?.CallbackAt,
            AnsweredBy = call.AnsweredBy,
            Abandoned = call.Abandoned,
            Direction = call.Direction,
        };
}
