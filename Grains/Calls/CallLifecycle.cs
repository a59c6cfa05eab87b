using VoicePlatform.Calls;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The call state machine, free of Orleans and clocks (the caller passes <c>now</c>). Status only moves
/// forward — Queued → Dialing → Ringing → Answered → Ended, and anything → Ended — so repeated and late
/// reports are no-ops: every method answers the same instance when nothing changed, and the grain writes
/// only when it gets a different one.
/// </summary>
public static class CallLifecycle
{
    public static CallProgress Queued(DateTimeOffset now) => new() { Status = CallStatus.Queued, QueuedAt = now };

    public static CallProgress Dialing(CallProgress call, DateTimeOffset now) => Advance(call, CallStatus.Dialing, now);

    public static CallProgress Ringing(CallProgress call, DateTimeOffset now) => Advance(call, CallStatus.Ringing, now);

    public static CallProgress Answered(CallProgress call, DateTimeOffset now) => Advance(call, CallStatus.Answered, now);

    /// <summary>Ends the call unless it already ended; the first end wins.</summary>
    public static CallProgress End(
        CallProgress call,
        CallEndReason reason,
        DateTimeOffset now,
        string? detail = null,
        int? sipStatusCode = null,
        string? disconnectReason = null)
    {
        if (call.IsEnded) return call;
        return call with
        {
            Status = CallStatus.Ended,
            EndReason = reason,
            EndDetail = detail,
            SipStatusCode = sipStatusCode ?? call.SipStatusCode,
            DisconnectReason = disconnectReason ?? call.DisconnectReason,
            EndedAt = now,
        };
    }

    /// <summary>
    /// CreateSIPParticipant failed with <paramref name="sipStatusCode"/> (or none, e.g. a timeout). When the callee's
    /// participant_left arrived first, the call already ended from its coarser disconnect reason; the SIP status is
    /// the precise answer (486 Busy vs. USER_REJECTED), so it refines an unanswered end that has no SIP status yet.
    /// </summary>
    public static CallProgress DialFailed(CallProgress call, int? sipStatusCode, string? detail, DateTimeOffset now)
    {
        var reason = sipStatusCode is { } code ? ForSipStatus(code) : CallEndReason.Failed;
        if (!call.IsEnded) return End(call, reason, now, detail, sipStatusCode);
        var refinable = call.AnsweredAt is null && call.SipStatusCode is null && sipStatusCode is not null
                        && call.EndReason is not (CallEndReason.Cancelled or CallEndReason.InsufficientFunds);
        return refinable ? call with { EndReason = reason, SipStatusCode = sipStatusCode, EndDetail = call.EndDetail ?? detail } : call;
    }

    /// <summary>
    /// Whether the call's room must be deleted once the dial's outcome is applied. A failed dial leaves the dispatched
    /// agent alone in the room, so its end closes the room. A dial that returns after the call had already ended finds
    /// the room closed by that end — unless it was answered meanwhile, when the callee now sits in a room the call no
    /// longer owns and must be hung up.
    /// </summary>
    public static bool ClosesRoomAfterDialOutcome(bool endedBefore, CallProgress after, bool answered) =>
        after.IsEnded && (!endedBefore || answered);

    /// <summary>How close to the limit a normal departure must come to count as LiveKit's own cut-off.</summary>
    public static readonly TimeSpan MaxDurationTolerance = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The callee's SIP participant left the room with LiveKit's <paramref name="disconnectReason"/>. LiveKit ends a
    /// call at <c>max_call_duration</c> as an ordinary hang-up (no reason of its own), so an answered call that
    /// leaves normally once its answered time reaches <paramref name="maxDuration"/> (within
    /// <see cref="MaxDurationTolerance"/>, as our answer time lags LiveKit's a little) ended by the limit — and when the
    /// limit was what the wallet could pay for (<paramref name="limitedByFunds"/>), the money ran out.
    /// </summary>
    public static CallProgress CalleeLeft(CallProgress call, string? disconnectReason, DateTimeOffset now, TimeSpan? maxDuration = null, bool limitedByFunds = false)
    {
        var reason = ForDisconnect(disconnectReason, answered: call.AnsweredAt is not null);
        if (reason == CallEndReason.Completed && maxDuration is { } limit && call.AnsweredAt is { } answeredAt && now - answeredAt >= limit - MaxDurationTolerance)
            reason = limitedByFunds ? CallEndReason.InsufficientFunds : CallEndReason.MaxDurationReached;
        return End(call, reason, now, disconnectReason: NullIfEmpty(disconnectReason));
    }

    /// <summary>LiveKit's participant kind of an AI agent (ParticipantInfo.Kind).</summary>
    public const string AgentKind = "AGENT";

    /// <summary>An answered call whose agent is not in the room this long after the answer is abandoned: the callee hears silence.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(2);

    /// <summary>The agent is in the room: the first sighting is kept (a live call only).</summary>
    public static CallProgress AgentJoined(CallProgress call, DateTimeOffset now) =>
        call.AgentJoinedAt is not null || call.IsEnded ? call : call with { AgentJoinedAt = now };

    /// <summary>
    /// Answered by a person while the agent was not in the room by <see cref="AbandonAfter"/> after the answer (it
    /// joined later, or never). A machine's answer is no abandoned person; an unanswered call abandons nobody; and a
    /// callee who hung up within <see cref="AbandonAfter"/> left before the call could count as abandoned (the agent's
    /// arrival may then be reported after the end, and is not recorded on an ended call).
    /// </summary>
    public static bool IsAbandoned(CallProgress call, AnsweredBy? answeredBy) =>
        call.AnsweredAt is { } answered && answeredBy != AnsweredBy.Machine && call.EndReason != CallEndReason.Voicemail
        && (call.AgentJoinedAt is { } joined
            ? joined > answered + AbandonAfter
            : call.IsEnded && call.EndedAt is { } ended && ended > answered + AbandonAfter);

    /// <summary>
    /// The callee's participant identity in an outbound call's room; the room holds one call, so it needs nothing unique.
    /// An inbound caller's identity is LiveKit's (<c>sip_{caller}</c>), kept in the call's state.
    /// </summary>
    public const string CalleeIdentity = "callee";

    /// <summary>
    /// Whether <see cref="OnLiveKitEvent"/> can change any call with this event: false for the room's start and for the
    /// agent's departure, which change nothing whatever the call's state. The webhook endpoint acknowledges those
    /// without a grain call (two of a call's six webhooks). Kept beside the switch below, which it mirrors.
    /// </summary>
    public static bool Concerns(LiveKitCallEvent liveKitEvent, string calleeIdentity = CalleeIdentity) => liveKitEvent.Event switch
    {
        "participant_joined" => liveKitEvent.ParticipantIdentity == calleeIdentity || liveKitEvent.ParticipantKind == AgentKind,
        "participant_left" or "participant_connection_aborted" => liveKitEvent.ParticipantIdentity == calleeIdentity,
        "room_finished" => true,
        _ => false,
    };

    /// <summary>
    /// A LiveKit webhook about the call's room becomes the next state — the one place where an event changes a call.
    /// Only the callee's participant and the room's end count; the agent's comings and goings change nothing.
    /// <paramref name="maxDuration"/> is the limit LiveKit was given (what the wallet could pay for when
    /// <paramref name="limitedByFunds"/>), so a departure at that limit reads as the cut-off it was.
    /// </summary>
    public static CallProgress OnLiveKitEvent(CallProgress call, LiveKitCallEvent liveKitEvent, DateTimeOffset now, TimeSpan maxDuration, bool limitedByFunds,
        string calleeIdentity = CalleeIdentity)
    {
        var callee = liveKitEvent.ParticipantIdentity == calleeIdentity;
        return liveKitEvent.Event switch
        {
            "participant_joined" when callee => CalleeSeen(call, liveKitEvent.SipCallStatus, now),
            // LiveKit's own join time: a webhook delivered late must not make a punctual agent look late.
            "participant_joined" when liveKitEvent.ParticipantKind == AgentKind => AgentJoined(call, liveKitEvent.ParticipantJoinedAt is { } joined && joined < now ? joined : now),
            "participant_left" or "participant_connection_aborted" when callee =>
                CalleeLeft(call, liveKitEvent.DisconnectReason, now, maxDuration, limitedByFunds),
            "room_finished" => RoomGone(call, now),
            _ => call,
        };
    }

    /// <summary>
    /// What the watchdog read from LiveKit's participant list: the callee with its <c>sip.callStatus</c>, or no callee
    /// (<paramref name="calleeSipCallStatus"/> null and <paramref name="calleePresent"/> false). No callee while this
    /// activation's dial is still in flight means "not in the room yet"; otherwise the call left LiveKit unreported.
    /// </summary>
    public static CallProgress OnRoomListed(CallProgress call, bool calleePresent, string? calleeSipCallStatus, bool dialInFlight, DateTimeOffset now)
    {
        if (calleePresent) return CalleeSeen(call, calleeSipCallStatus, now);
        return dialInFlight ? call : RoomGone(call, now);
    }

    /// <summary>The callee is in the room: being dialled, ringing (<c>sip.callStatus</c> ringing) or answered (active).</summary>
    public static CallProgress CalleeSeen(CallProgress call, string? sipCallStatus, DateTimeOffset now) => sipCallStatus switch
    {
        "ringing" => Ringing(Dialing(call, now), now),
        "active" => Answered(call, now),
        _ => Dialing(call, now),
    };

    /// <summary>The callee is no longer in LiveKit and nothing said why: after an answer a finished call, before it a failure.</summary>
    public static CallProgress RoomGone(CallProgress call, DateTimeOffset now) =>
        call.AnsweredAt is null
            ? End(call, CallEndReason.Failed, now, "the call left LiveKit before it was answered")
            : End(call, CallEndReason.Completed, now);

    /// <summary>
    /// Whether a report that the callee answered may still change this ended call: it ended unanswered by a departure
    /// nothing explained — the callee gone from LiveKit (<see cref="RoomGone"/>) or a hang-up before any answer was seen
    /// (<see cref="CallEndReason.Cancelled"/>) — with no SIP status. The answer of a call is seen only by polling
    /// LiveKit or by the worker's report (LiveKit sends no webhook for it), so a poll the platform could not make (its
    /// database or LiveKit unreachable) can miss an answer the caller then hangs up on. A busy, unanswered or rejected
    /// end has its SIP evidence and stays.
    /// </summary>
    public static bool MayHaveBeenAnswered(CallProgress call) =>
        call.IsEnded && call.AnsweredAt is null && call.SipStatusCode is null && call.EndReason is CallEndReason.Failed or CallEndReason.Cancelled;

    /// <summary>
    /// The agent worker heard the callee answer a call the platform had ended as <see cref="MayHaveBeenAnswered"/>: it was
    /// a conversation after all, answered at <paramref name="answeredAt"/> (kept between the dial and the end) and
    /// completed at its end. Any other call is answered as it is.
    /// </summary>
    public static CallProgress AnsweredAfterEnd(CallProgress call, DateTimeOffset answeredAt)
    {
        if (!MayHaveBeenAnswered(call)) return call;
        var earliest = call.RingingAt ?? call.DialingAt ?? call.QueuedAt;
        var at = answeredAt < earliest ? earliest : answeredAt > call.EndedAt!.Value ? call.EndedAt.Value : answeredAt;
        return call with { Status = CallStatus.Ended, AnsweredAt = at, EndReason = CallEndReason.Completed, EndDetail = "its answer was reported by the agent worker after the end" };
    }

    /// <summary>SIP final response → end reason: 486 Busy; 408/480/487 (and 404) no answer; 603 and other 4xx/6xx rejected; 5xx failed.</summary>
    public static CallEndReason ForSipStatus(int sipStatusCode) => sipStatusCode switch
    {
        486 or 600 => CallEndReason.Busy,
        404 or 408 or 480 or 487 => CallEndReason.NoAnswer,
        603 => CallEndReason.Rejected,
        >= 400 and < 500 or >= 600 and < 700 => CallEndReason.Rejected,
        _ => CallEndReason.Failed,
    };

    /// <summary>
    /// LiveKit DisconnectReason (PROTOCOL.md §5) → end reason. After an answer any departure is a finished
    /// conversation except a trunk failure. Before it, USER_UNAVAILABLE is no answer, USER_REJECTED a rejection,
    /// a hang-up by us (removed, room deleted or closed) a cancel, and anything else — the bridge reports carrier
    /// 5xx as UNKNOWN_REASON — a failure.
    /// </summary>
    public static CallEndReason ForDisconnect(string? disconnectReason, bool answered)
    {
        var reason = NullIfEmpty(disconnectReason) ?? "UNKNOWN_REASON";
        if (reason == "SIP_TRUNK_FAILURE") return CallEndReason.Failed;
        if (answered) return CallEndReason.Completed;
        return reason switch
        {
            "USER_UNAVAILABLE" => CallEndReason.NoAnswer,
            "USER_REJECTED" => CallEndReason.Rejected,
            "CLIENT_INITIATED" or "PARTICIPANT_REMOVED" or "ROOM_DELETED" or "ROOM_CLOSED" => CallEndReason.Cancelled,
            _ => CallEndReason.Failed,
        };
    }

    /// <summary>
    /// A call the agent worker found answered by a machine ends as Voicemail, whoever hung up and whenever the report
    /// came: an answered end (Completed, or the duration limit) becomes Voicemail; other ends are kept.
    /// </summary>
    public static CallProgress ClassifyVoicemail(CallProgress call, AnsweredBy? answeredBy) =>
        answeredBy == AnsweredBy.Machine && call.EndReason is CallEndReason.Completed or CallEndReason.MaxDurationReached
            ? call with { EndReason = CallEndReason.Voicemail }
            : call;

    private static CallProgress Advance(CallProgress call, CallStatus to, DateTimeOffset now)
    {
        if (call.Status >= to) return call;
        // A skipped step (an answer reported before any ringing) keeps its timestamp empty: it was never seen.
        return to switch
        {
            CallStatus.Dialing => call with { Status = to, DialingAt = now },
            CallStatus.Ringing => call with { Status = to, RingingAt = now },
            CallStatus.Answered => call with { Status = to, AnsweredAt = now },
            _ => throw new ArgumentOutOfRangeException(nameof(to), to, "Use End to end a call."),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
