using VoicePlatform.Calls;
using VoicePlatform.Grains.Calls;

namespace VoicePlatform.Tests.Calls;

/// <summary>The call state machine, without a cluster.</summary>
public sealed class CallLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CallProgress Dialing() => CallLifecycle.Dialing(CallLifecycle.Queued(T0), T0.AddSeconds(1));

    [Fact]
    public void StatusMovesForwardThroughEveryStepWithItsTimestamp()
    {
        var call = CallLifecycle.Ringing(Dialing(), T0.AddSeconds(2));
        call = CallLifecycle.Answered(call, T0.AddSeconds(5));
        call = CallLifecycle.CalleeLeft(call, "CLIENT_INITIATED", T0.AddSeconds(60));
        Assert.Equal(CallStatus.Ended, call.Status);
        Assert.Equal(CallEndReason.Completed, call.EndReason);
        Assert.Equal([T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(5), T0.AddSeconds(60)],
            new[] { call.DialingAt, call.RingingAt, call.AnsweredAt, call.EndedAt }.Select(t => t!.Value));
    }

    [Fact]
    public void RepeatsAndBackwardStepsAreTheSameInstance()
    {
        var answered = CallLifecycle.Answered(Dialing(), T0.AddSeconds(3));
        Assert.Same(answered, CallLifecycle.Answered(answered, T0.AddSeconds(4)));
        Assert.Same(answered, CallLifecycle.Ringing(answered, T0.AddSeconds(4)));
        Assert.Same(answered, CallLifecycle.Dialing(answered, T0.AddSeconds(4)));
        Assert.Null(answered.RingingAt);
    }

    [Fact]
    public void AnEndedCallNeverChangesAgain()
    {
        var ended = CallLifecycle.End(Dialing(), CallEndReason.Cancelled, T0.AddSeconds(2));
        Assert.Same(ended, CallLifecycle.Answered(ended, T0.AddSeconds(3)));
        Assert.Same(ended, CallLifecycle.End(ended, CallEndReason.Completed, T0.AddSeconds(3)));
        Assert.Same(ended, CallLifecycle.CalleeLeft(ended, "USER_REJECTED", T0.AddSeconds(3)));
        Assert.Same(ended, CallLifecycle.DialFailed(ended, 486, "Busy Here", T0.AddSeconds(3)));
    }

    [Fact]
    public void AnUnexplainedDepartureBeforeAnyAnswerBecomesTheConversationTheWorkerHeard()
    {
        var ringing = CallLifecycle.Ringing(Dialing(), T0.AddSeconds(2));
        var gone = CallLifecycle.RoomGone(ringing, T0.AddSeconds(10));
        Assert.True(CallLifecycle.MayHaveBeenAnswered(gone));

        var answered = CallLifecycle.AnsweredAfterEnd(gone, T0.AddSeconds(4));
        Assert.Equal((CallStatus.Ended, CallEndReason.Completed, T0.AddSeconds(4), T0.AddSeconds(10)),
            (answered.Status, answered.EndReason, answered.AnsweredAt, answered.EndedAt));
        // An answer time outside the call is kept within it: never billed for ringing before it rang, nor after its end.
        Assert.Equal(T0.AddSeconds(2), CallLifecycle.AnsweredAfterEnd(gone, T0).AnsweredAt);
        Assert.Equal(T0.AddSeconds(10), CallLifecycle.AnsweredAfterEnd(gone, T0.AddMinutes(5)).AnsweredAt);
        // A hang-up before the answer was seen (CLIENT_INITIATED before any answer reads as cancelled) too.
        Assert.Equal(CallEndReason.Completed, CallLifecycle.AnsweredAfterEnd(CallLifecycle.CalleeLeft(ringing, "CLIENT_INITIATED", T0.AddSeconds(9)), T0.AddSeconds(3)).EndReason);
    }

    [Fact]
    public void AnEndWithItsOwnEvidenceOrAnAnswerIsNotReopenedByALateAnswer()
    {
        var ringing = CallLifecycle.Ringing(Dialing(), T0.AddSeconds(2));
        var busy = CallLifecycle.DialFailed(ringing, 486, "Busy Here", T0.AddSeconds(5));
        var noAnswer = CallLifecycle.CalleeLeft(ringing, "USER_UNAVAILABLE", T0.AddSeconds(30));
        var completed = CallLifecycle.CalleeLeft(CallLifecycle.Answered(ringing, T0.AddSeconds(3)), "CLIENT_INITIATED", T0.AddSeconds(30));
        foreach (var ended in new[] { busy, noAnswer, completed, ringing })
        {
            Assert.False(CallLifecycle.MayHaveBeenAnswered(ended));
            Assert.Same(ended, CallLifecycle.AnsweredAfterEnd(ended, T0.AddSeconds(4)));
        }
    }

    [Fact]
    public void ALiveCallTakesItsUnsavedDialRingingAndAnswerBackFromItsHistory()
    {
        var queued = CallLifecycle.Queued(T0);
        var ringing = CallLifecycle.Ringing(CallLifecycle.Dialing(queued, T0.AddSeconds(1)), T0.AddSeconds(2));
        var answered = CallLifecycle.Answered(ringing, T0.AddSeconds(5));
        var history = new[] { CallHistory.Queued("+15551230000", "+15559870000", T0), CallHistory.Transition(queued, ringing), CallHistory.Transition(ringing, answered), CallHistory.AgentJoined(T0.AddSeconds(3)) };

        var recovered = CallHistory.RecoverProgress(queued, history);
        Assert.Equal((CallStatus.Answered, T0.AddSeconds(2), T0.AddSeconds(5), T0.AddSeconds(3)), (recovered.Status, recovered.RingingAt, recovered.AnsweredAt, recovered.AgentJoinedAt));
        // The agent's arrival recovered too, so the end does not read as abandoned.
        Assert.False(CallLifecycle.IsAbandoned(CallLifecycle.CalleeLeft(recovered, "CLIENT_INITIATED", T0.AddSeconds(30)), AnsweredBy.Human));
        // Nothing to take back: no answer in the history, or a state that has its own.
        Assert.Same(queued, CallHistory.RecoverProgress(queued, history[..2]));
        Assert.Same(answered, CallHistory.RecoverProgress(answered, history));
    }

    [Theory]
    [InlineData(486, CallEndReason.Busy)]
    [InlineData(480, CallEndReason.NoAnswer)]
    [InlineData(408, CallEndReason.NoAnswer)]
    [InlineData(487, CallEndReason.NoAnswer)]
    [InlineData(603, CallEndReason.Rejected)]
    [InlineData(403, CallEndReason.Rejected)]
    [InlineData(500, CallEndReason.Failed)]
    [InlineData(503, CallEndReason.Failed)]
    public void SipStatusMapsToTheEndReason(int sipStatus, CallEndReason expected)
    {
        var ended = CallLifecycle.DialFailed(Dialing(), sipStatus, "x", T0.AddSeconds(2));
        Assert.Equal(expected, ended.EndReason);
        Assert.Equal(sipStatus, ended.SipStatusCode);
    }

    [Theory]
    [InlineData("USER_UNAVAILABLE", false, CallEndReason.NoAnswer)]
    [InlineData("USER_REJECTED", false, CallEndReason.Rejected)]
    [InlineData("UNKNOWN_REASON", false, CallEndReason.Failed)]
    [InlineData("", false, CallEndReason.Failed)]
    [InlineData("PARTICIPANT_REMOVED", false, CallEndReason.Cancelled)]
    [InlineData("CLIENT_INITIATED", true, CallEndReason.Completed)]
    [InlineData("ROOM_DELETED", true, CallEndReason.Completed)]
    [InlineData("SIP_TRUNK_FAILURE", true, CallEndReason.Failed)]
    public void DisconnectReasonMapsToTheEndReason(string reason, bool answered, CallEndReason expected) =>
        Assert.Equal(expected, CallLifecycle.ForDisconnect(reason, answered));

    [Fact]
    public void ParticipantLeftBeforeTheDialReportEndsTheCallAndTheSipStatusRefinesIt()
    {
        var left = CallLifecycle.CalleeLeft(Dialing(), "USER_REJECTED", T0.AddSeconds(3));
        Assert.Equal(CallEndReason.Rejected, left.EndReason);
        Assert.Equal("USER_REJECTED", left.DisconnectReason);

        var refined = CallLifecycle.DialFailed(left, 486, "Busy Here", T0.AddSeconds(4));
        Assert.Equal(CallEndReason.Busy, refined.EndReason);
        Assert.Equal(486, refined.SipStatusCode);
        Assert.Equal(T0.AddSeconds(3), refined.EndedAt);
        Assert.Same(refined, CallLifecycle.DialFailed(refined, 486, "Busy Here", T0.AddSeconds(5)));
    }

    [Fact]
    public void ACancelledCallKeepsItsReasonWhenTheDialFailsAfterwards()
    {
        var cancelled = CallLifecycle.End(Dialing(), CallEndReason.Cancelled, T0.AddSeconds(2));
        Assert.Same(cancelled, CallLifecycle.DialFailed(cancelled, 487, "Request Terminated", T0.AddSeconds(3)));
    }

    [Fact]
    public void AHangUpAfterAnAnswerIsCompletedWhateverTheReason()
    {
        var answered = CallLifecycle.Answered(Dialing(), T0.AddSeconds(3));
        Assert.Equal(CallEndReason.Completed, CallLifecycle.CalleeLeft(answered, "PARTICIPANT_REMOVED", T0.AddSeconds(9)).EndReason);
    }

    [Fact]
    public void OnlyTheEndThatADialOutcomeCausesClosesTheRoom()
    {
        var ringing = CallLifecycle.Ringing(Dialing(), T0.AddSeconds(2));
        var failed = CallLifecycle.DialFailed(ringing, 486, "busy", T0.AddSeconds(3));
        var answered = CallLifecycle.Answered(ringing, T0.AddSeconds(3));
        var hungUp = CallLifecycle.End(ringing, CallEndReason.Cancelled, T0.AddSeconds(3), "hung up");

        // A failed dial ends the call now: its agent is alone in the room, which closes.
        Assert.True(CallLifecycle.ClosesRoomAfterDialOutcome(endedBefore: false, failed, answered: false));
        // An answered dial keeps the room: the call is live in it.
        Assert.False(CallLifecycle.ClosesRoomAfterDialOutcome(endedBefore: false, answered, answered: true));
        // The hang-up already closed the room; the late failure must not delete it a second time.
        var late = CallLifecycle.DialFailed(hungUp, 487, "cancelled", T0.AddSeconds(4));
        Assert.False(CallLifecycle.ClosesRoomAfterDialOutcome(endedBefore: true, late, answered: false));
        // But a callee who answered after the hang-up sits in a room the call no longer owns: hang them up.
        Assert.True(CallLifecycle.ClosesRoomAfterDialOutcome(endedBefore: true, CallLifecycle.Answered(hungUp, T0.AddSeconds(4)), answered: true));
    }
}

/// <summary>Where a LiveKit event, or the watchdog's reading of the room, becomes a state change: one place.</summary>
public sealed class LiveKitEventMappingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private static readonly CallProgress Dialing = CallLifecycle.Dialing(CallLifecycle.Queued(T0), T0);

    private static LiveKitCallEvent Event(string name, string? identity = CallLifecycle.CalleeIdentity, string? sipStatus = null, string? reason = null) =>
        new() { EventId = "EV_" + Guid.NewGuid().ToString("N")[..8], Event = name, ParticipantIdentity = identity, SipCallStatus = sipStatus, DisconnectReason = reason };

    private static CallProgress On(CallProgress call, LiveKitCallEvent e, int second = 1) =>
        CallLifecycle.OnLiveKitEvent(call, e, T0.AddSeconds(second), Limit, limitedByFunds: false);

    [Fact]
    public void TheCalleesEventsMoveTheCallAndTheAgentsDoNot()
    {
        Assert.Equal(CallStatus.Ringing, On(Dialing, Event("participant_joined", sipStatus: "ringing")).Status);
        var answered = On(Dialing, Event("participant_joined", sipStatus: "active"));
        Assert.Equal(CallStatus.Answered, answered.Status);
        Assert.Same(answered, On(answered, Event("participant_joined", identity: "agent-1", sipStatus: "active")));
        Assert.Same(answered, On(answered, Event("participant_left", identity: "agent-1")));
        Assert.Same(answered, On(answered, Event("room_started")));

        var left = On(answered, Event("participant_left", reason: "CLIENT_INITIATED"), 30);
        Assert.Equal((CallStatus.Ended, CallEndReason.Completed, "CLIENT_INITIATED"), (left.Status, left.EndReason, left.DisconnectReason));
        Assert.Equal(CallEndReason.NoAnswer, On(Dialing, Event("participant_connection_aborted", reason: "USER_UNAVAILABLE")).EndReason);
        Assert.Equal(CallEndReason.Failed, On(Dialing, Event("room_finished", identity: null)).EndReason);
        Assert.Equal(CallEndReason.Completed, On(answered, Event("room_finished", identity: null)).EndReason);
        // An ended call stays as it ended.
        Assert.Same(left, On(left, Event("room_finished", identity: null), 40));
    }

    [Fact]
    public void TheWatchdogReadsTheRoomWithTheSameRules()
    {
        var now = T0.AddSeconds(2);
        Assert.Equal(CallStatus.Ringing, CallLifecycle.OnRoomListed(Dialing, calleePresent: true, "ringing", dialInFlight: false, now).Status);
        Assert.Equal(CallStatus.Answered, CallLifecycle.OnRoomListed(Dialing, calleePresent: true, "active", dialInFlight: true, now).Status);
        // No callee yet while the dial is in flight: not there yet, not gone.
        Assert.Same(Dialing, CallLifecycle.OnRoomListed(Dialing, calleePresent: false, null, dialInFlight: true, now));
        var gone = CallLifecycle.OnRoomListed(Dialing, calleePresent: false, null, dialInFlight: false, now);
        Assert.Equal((CallEndReason.Failed, "the call left LiveKit before it was answered"), (gone.EndReason, gone.EndDetail));
    }

    [Fact]
    public void AnEventTheWebhookEndpointSkipsChangesNoCallInAnyState()
    {
        var ringing = On(Dialing, Event("participant_joined", sipStatus: "ringing"));
        var answered = On(Dialing, Event("participant_joined", sipStatus: "active"));
        var ended = On(answered, Event("participant_left", reason: "CLIENT_INITIATED"), 30);
        LiveKitCallEvent Agent(string name) => Event(name, identity: "agent-1") with { ParticipantKind = CallLifecycle.AgentKind };
        LiveKitCallEvent[] events =
        [
            Event("room_started", identity: null), Event("room_finished", identity: null), Event("track_published"),
            Event("participant_joined", sipStatus: "active"), Event("participant_left"), Event("participant_connection_aborted"),
            Agent("participant_joined"), Agent("participant_left"), Agent("participant_connection_aborted"),
            Event("participant_joined", identity: "supervisor-1"), Event("participant_left", identity: "supervisor-1"),
        ];
        var skipped = 0;
        foreach (var e in events.Where(e => !CallLifecycle.Concerns(e)))
        {
            skipped++;
            foreach (var state in new[] { Dialing, ringing, answered, ended })
                Assert.Same(state, On(state, e, 10));
        }
        Assert.Equal(6, skipped);
        // And the ones it passes on do change some call.
        foreach (var e in events.Where(e => CallLifecycle.Concerns(e)))
            Assert.Contains(new[] { Dialing, ringing, answered }, state => !ReferenceEquals(state, On(state, e, 10)));
    }
}

/// <summary>Room names carry the tenant and the call, and nothing else parses as ours.</summary>
public sealed class CallRoomNameTests
{
    [Fact]
    public void RoundTripsTenantAndCall()
    {
        var tenant = VoicePlatform.Tenants.TenantId.New();
        var call = VoicePlatform.Common.PrefixedId.New<CallId>();
        Assert.True(CallRoomName.TryParse(CallRoomName.Format(tenant, call), out var t, out var c));
        Assert.Equal((tenant, call), (t, c));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dev-room")]
    [InlineData("vp_tnt_abcdef")]
    [InlineData("vp_tnt_abcdef_agt_abcdef")]
    [InlineData("vp_tnt_ABC_cal_abcdef")]
    [InlineData("xx_tnt_abcdef_cal_abcdef")]
    public void ForeignRoomsAreNotOurs(string? name) => Assert.False(CallRoomName.TryParse(name, out _, out _));
}
