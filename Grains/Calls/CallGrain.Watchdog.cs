using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The watchdog: a grain timer that compares a live call with LiveKit, so that no call stays live forever — a lost
/// webhook, a lost dial report or a crash mid-dial all end here — and that retries a call record the store did not
/// take. The cluster's <see cref="LiveCallSweeperGrain"/> wakes calls whose silo died, which restarts it.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>How often the watchdog asks LiveKit about a call still being dialled: <see cref="CallWatchdogOptions.DialingPollPeriod"/>.</summary>
    private TimeSpan DialingPollPeriod => watchdogOptions.Value.DialingPollPeriod;

    /// <summary>The longest an inbound caller rings before the platform hangs up: the agent's claim and audio take well under a second.</summary>
    public static readonly TimeSpan InboundRingLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often it checks an answered call, only to catch a lost participant_left: <see cref="CallWatchdogOptions.AnsweredPollPeriod"/>,
    /// longer when the silo holds so many calls that their looks together would pass its request budget.
    /// </summary>
    private TimeSpan AnsweredPollPeriod => AnsweredPollSchedule.Period(watchdogOptions.Value.AnsweredPollPeriod, CallMetrics.LiveInProcess,
        watchdogOptions.Value.MaxAnsweredPollsPerSecond);

    // The period the watchdog timer runs at now.
    private TimeSpan _watchdogPeriod;

    private IGrainTimer? _watchdog;
    // True while this activation's background dial is waiting for CreateSIPParticipant: the callee may not be in
    // the room yet, so the watchdog must not read "no participant" as "gone".
    private bool _dialInFlight;

    public Task WakeAsync()
    {
        // Activation already restarted the timer of a live call; an ended call only needs its record caught up.
        if (Exists && _projectionBehind && Progress.IsEnded) return ProjectAsync();
        if (Exists && !Progress.IsEnded) StartWatchdogTimer();
        return Task.CompletedTask;
    }

    /// <summary>One tick. Idempotent, as ticks repeat or are skipped.</summary>
    private async Task ReconcileAsync()
    {
        if (Exists && _projectionBehind) await ProjectAsync();
        if (!Exists || Progress.IsEnded)
        {
            StopWatchdog();
            return;
        }
        if (liveKit is null) return;
        var now = Now();
        if (state.State.Direction == CallDirection.Inbound)
        {
            await InboundLines.KeepInboundAsync(Key.Call);
            // A caller nobody answers (no worker claimed the call, or its audio never came) is not left ringing for the
            // trunk's whole ringing timeout (LiveKit's default is three minutes).
            if (Progress.AnsweredAt is null && now - Progress.QueuedAt > InboundRingLimit)
            {
                await HangUpAsync(CallEventTypes.HangUp, $"no agent answered within {InboundRingLimit.TotalSeconds:0} s", CallEndReason.NoAnswer);
                return;
            }
        }

        var limit = TimeSpan.FromSeconds(state.State.MaxCallDurationSeconds) + RingingTimeout + TimeSpan.FromMinutes(1);
        if (now - Progress.QueuedAt > limit)
        {
            await LiveKitSide!.DeleteRoomAsync(state.State.RoomName);
            await ApplyAsync(CallLifecycle.End(Progress, CallEndReason.MaxDurationReached, now, "the call outlived its maximum duration"));
            return;
        }

        IReadOnlyList<LiveKitParticipantInfo> participants;
        try
        {
            participants = await liveKit.ListParticipantsAsync(state.State.RoomName);
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
            participants = [];
        }
        catch (LiveKitTwirpException e)
        {
            logger.LogWarning("Watchdog of call {CallId} could not list participants: {Error}", Key.Call, e.Message);
            return;
        }

        var callee = participants.FirstOrDefault(p => p.Identity == CalleeIdentity);
        if (participants.FirstOrDefault(p => p.Kind == CallLifecycle.AgentKind) is { } agent)
            await ApplyAsync(CallLifecycle.AgentJoined(Progress, JoinedAt(agent, now)));
        var wasEnded = Progress.IsEnded;
        await ApplyAsync(CallLifecycle.OnRoomListed(Progress, callee is not null, callee?.SipCallStatus, _dialInFlight, now));
        // The agent may still be in the room the callee left, and an empty room lingers until LiveKit's departure
        // timeout: close it (a room already gone answers not_found, which is fine).
        if (!wasEnded && Progress.IsEnded) await CloseRoomAsync();
        else if (Progress.Status == CallStatus.Answered) SlowWatchdogDown();
    }

    /// <summary>
    /// An answered call whose agent nothing has shown yet (its webhook not arrived, the watchdog's next look not due)
    /// asks LiveKit once as its activation goes: the next activation may start after the callee has hung up and the
    /// room is gone, and an answered call with no agent on record ends as abandoned, counted against its campaign's
    /// abandon limit (a rolling restart paused a campaign so in CI). Bounded by the deactivation's own time limit; a
    /// failed look leaves things as they were.
    /// </summary>
    private async Task LookForUnseenAgentAsync(CancellationToken cancellationToken)
    {
        if (!Exists || _stateDiverged || liveKit is null || Progress.IsEnded || Progress.AnsweredAt is null || Progress.AgentJoinedAt is not null) return;
        try
        {
            var participants = await liveKit.ListParticipantsAsync(state.State.RoomName, cancellationToken);
            if (participants.FirstOrDefault(p => p.Kind == CallLifecycle.AgentKind) is { } agent) await ApplyAsync(CallLifecycle.AgentJoined(Progress, JoinedAt(agent, Now())));
        }
        catch (Exception e)
        {
            // Deactivation goes on: the next activation's watchdog looks again while the room is there.
            logger.LogWarning("Call {CallId} of tenant {TenantId} could not look for its agent as it was deactivated: {Error}", Key.Call, Key.Tenant, e.Message);
        }
    }

    /// <summary>When LiveKit says the agent joined, unless that is not before <paramref name="now"/> (clocks apart): then now.</summary>
    private static DateTimeOffset JoinedAt(LiveKitParticipantInfo agent, DateTimeOffset now) =>
        agent.JoinedAtMs > 0 && DateTimeOffset.FromUnixTimeMilliseconds(agent.JoinedAtMs) < now ? DateTimeOffset.FromUnixTimeMilliseconds(agent.JoinedAtMs) : now;

    /// <param name="soon">
    /// First look after <see cref="DialingPollPeriod"/> (a second) whatever the status: a live call activated again after its silo died may have
    /// ended meanwhile, and its campaign slot waits for that.
    /// </param>
    private void StartWatchdogTimer(bool soon = false)
    {
        if (_watchdog is not null) return;
        var period = Progress.Status == CallStatus.Answered ? AnsweredPollPeriod : DialingPollPeriod;
        _watchdogPeriod = period;
        // KeepAlive: a live call can outlast the grain collection age, and its watchdog must not stop with an idle collection.
        _watchdog = this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions { DueTime = soon ? DialingPollPeriod : period, Period = period, KeepAlive = true });
    }

    /// <summary>Answered: the answered period, re-read at each look as the silo's load changes.</summary>
    private void SlowWatchdogDown()
    {
        var period = AnsweredPollPeriod;
        if (_watchdog is null || period == _watchdogPeriod) return;
        _watchdogPeriod = period;
        _watchdog.Change(period, period);
    }

    private void StopWatchdog()
    {
        // A call record that lags keeps the timer going: its next tick retries the write.
        if (_projectionBehind) return;
        _watchdog?.Dispose();
        _watchdog = null;
    }
}
