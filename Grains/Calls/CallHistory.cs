using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The text of a call's history, entry by entry. Each entry has a key that is unique within the call, so the store
/// keeps one entry however often a repeated report or a replayed write sends it.
/// </summary>
public static class CallHistory
{
    public static CallEvent Queued(string to, string from, DateTimeOffset at) =>
        Entry(CallEventTypes.StatusChanged, "queued", $"queued: {to} from {from}", at);

    public static CallEvent InboundArrived(string from, string to, string routing, DateTimeOffset at) =>
        Entry(CallEventTypes.StatusChanged, "ringing", $"inbound: {from} called {to}; {routing}", at);

    public static CallEvent NotPlaced(string detail, DateTimeOffset at) =>
        Entry(CallEventTypes.StatusChanged, "ended", $"not placed: {detail}", at);

    /// <summary>A move of the lifecycle, timed when the new state was reached.</summary>
    public static CallEvent Transition(CallProgress from, CallProgress to)
    {
        var at = to.EndedAt ?? to.AnsweredAt ?? to.RingingAt ?? to.DialingAt ?? to.QueuedAt;
        if (!to.IsEnded) return Entry(CallEventTypes.StatusChanged, to.Status.Kebab(), $"{from.Status.Kebab()} -> {to.Status.Kebab()}", at);
        var detail = $"ended: {to.EndReason!.Value.Kebab()}"
                     + (to.SipStatusCode is { } sip ? $" (SIP {sip})" : "")
                     + (to.EndDetail is { } d ? $" - {d}" : "");
        // A refined end (a SIP status arriving after the disconnect, a late voicemail report) is its own entry.
        var key = from.IsEnded ? $"ended:{to.EndReason!.Value.Kebab()}" : "ended";
        return Entry(CallEventTypes.StatusChanged, key, detail, at);
    }

    public static CallEvent AgentJoined(DateTimeOffset at) =>
        Entry(CallEventTypes.AgentJoined, CallEventTypes.AgentJoined, "the AI agent joined the room", at);

    /// <summary>
    /// <paramref name="call"/> with the dial, ringing, agent's arrival and answer its history records and its state does not:
    /// the steps of a live call kept in memory only (<see cref="Transition"/> entries keyed by the status reached, and
    /// <see cref="AgentJoined"/>), which the call's projection wrote. The same instance when the history holds no answer.
    /// </summary>
    public static CallProgress RecoverProgress(CallProgress call, IReadOnlyList<CallEvent> history)
    {
        DateTimeOffset? At(CallStatus status) => history.FirstOrDefault(e => e.Type == CallEventTypes.StatusChanged && e.Key == status.Kebab())?.At;
        if (call.IsEnded || call.AnsweredAt is not null || At(CallStatus.Answered) is not { } answered) return call;
        var recovered = call;
        if (At(CallStatus.Dialing) is { } dialing) recovered = CallLifecycle.Dialing(recovered, dialing);
        if (At(CallStatus.Ringing) is { } ringing) recovered = CallLifecycle.Ringing(recovered, ringing);
        // The agent's arrival too: without it the call's end would read as a person answered with nobody there (abandoned).
        if (history.FirstOrDefault(e => e.Type == CallEventTypes.AgentJoined)?.At is { } joined) recovered = CallLifecycle.AgentJoined(recovered, joined);
        return CallLifecycle.Answered(recovered, answered);
    }

    public static CallEvent Webhook(LiveKitCallEvent liveKitEvent, DateTimeOffset at)
    {
        var what = $"{liveKitEvent.Event} {liveKitEvent.ParticipantIdentity}".TrimEnd()
                   + (liveKitEvent.DisconnectReason is { Length: > 0 } why ? $" ({why})" : "");
        return Entry(CallEventTypes.LiveKitWebhook, $"webhook:{liveKitEvent.EventId}", what, at);
    }

    public static CallEvent RecordingWebhook(LiveKitCallEvent liveKitEvent, CallRecording recording, DateTimeOffset at) =>
        Entry(CallEventTypes.LiveKitWebhook, $"webhook:{liveKitEvent.EventId}", $"recording {recording.Status}: {recording.Location ?? recording.Error}", at);

    /// <summary>LiveKit answered the dial after the call had ended: kept so support can see what the carrier said.</summary>
    public static CallEvent LateDialOutcome(DialOutcome outcome, DateTimeOffset at) =>
        Entry(CallEventTypes.LateDialOutcome, CallEventTypes.LateDialOutcome, outcome.Answered
            ? "the callee answered after the call had ended and is hung up"
            : $"the dial returned after the call had ended: {(outcome.SipStatusCode is { } code ? $"SIP {code} " : "")}{outcome.Detail}".TrimEnd(), at);

    public static CallEvent AnsweredBy(AnsweredBy answeredBy, DateTimeOffset at) =>
        Entry(CallEventTypes.AnsweredBy, "answered-by", $"answered by a {answeredBy.Kebab()}", at);

    public static CallEvent Outcome(CallOutcome outcome, DateTimeOffset at) =>
        Entry(CallEventTypes.Outcome, $"outcome:{outcome.Sequence}",
            outcome.Disposition.Kebab() + (outcome.Summary is { Length: > 0 } summary ? $": {summary}" : ""), at);

    public static CallEvent Usage(UsageReport usage, DateTimeOffset at) =>
        Entry(CallEventTypes.Usage, $"usage:{usage.Id}", string.Join(", ", usage.Items.Select(i => $"{i.Kind.Kebab()} {i.Provider}/{i.Model}")), at);

    public static CallEvent Transferring(string to, DateTimeOffset at) =>
        Entry(CallEventTypes.Transfer, "transfer", $"transferring to {to}", at);

    /// <summary>The transfer's result: done when <paramref name="error"/> is null.</summary>
    public static CallEvent Transferred(string? to, string? error, DateTimeOffset at) =>
        error is null
            ? Entry(CallEventTypes.Transfer, "transfer:done", $"transferred to {to}", at)
            : Entry(CallEventTypes.Transfer, "transfer:failed", $"transfer failed: {error}", at);

    /// <summary>A hang-up through the API or by the agent; the type is also the key, as a call ends once.</summary>
    public static CallEvent EndAsked(string type, string detail, DateTimeOffset at) => Entry(type, type, detail, at);

    public static CallEvent SettledWithoutPrice(DateTimeOffset at) =>
        Entry(CallEventTypes.Billing, "settled", "settled: nothing to charge", at);

    public static CallEvent Settled(CallCost cost, long billedSeconds, long shortfall, long refunded, DateTimeOffset at) =>
        Entry(CallEventTypes.Billing, "settled",
            $"settled: {cost.Total} {cost.Currency} minor units for {billedSeconds} s (price book v{cost.PriceBookVersion})"
            + (shortfall > 0 ? $", {shortfall} not covered" : "") + (refunded > 0 ? $", {refunded} refunded" : ""), at);

    private static CallEvent Entry(string type, string key, string detail, DateTimeOffset at) =>
        new() { Type = type, Key = key, Detail = detail, At = at };
}
