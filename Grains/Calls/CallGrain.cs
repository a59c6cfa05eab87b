using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// One outbound call. It orchestrates <see cref="CallLifecycle"/>: reports (the background dial, webhooks, the
/// watchdog) become transitions, and each transition is at most one durable write. Dialling runs off the grain's
/// turn — CreateSIPParticipant with wait_until_answered blocks for the whole ringing — so reads and hang-ups are
/// served meanwhile; the dial reports back through a self-call that runs on a normal turn.
/// </summary>
[GrainType("call")]
public sealed class CallGrain(
    [PersistentState("call", StorageNames.Platform)] IPersistentState<CallState> state,
    IServiceProvider services,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain, IRemindable
{
    /// <summary>The callee's participant identity; the room holds one call, so it needs nothing unique.</summary>
    public const string CalleeIdentity = "callee";

    public static readonly TimeSpan RingingTimeout = TimeSpan.FromSeconds(30);
    /// <summary>
    /// How often the watchdog asks LiveKit about a call still being dialled: ringing is an attribute change, and
    /// LiveKit sends no webhook for those (PROTOCOL.md §4), so polling is the only way to see it.
    /// </summary>
    public static readonly TimeSpan DialingPollPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How often it checks an answered call, only to catch a lost participant_left.</summary>
    public static readonly TimeSpan AnsweredPollPeriod = TimeSpan.FromSeconds(10);
    private const string WatchdogReminder = "call-watchdog";
    private const int SeenEventLimit = 64;

    private IGrainTimer? _watchdog;
    // True while this activation's background dial is waiting for CreateSIPParticipant: the callee may not be in
    // the room yet, so the watchdog must not read "no participant" as "gone".
    private bool _dialInFlight;
    // Cancelled by a hang-up, so a dial that has not reached LiveKit yet never starts ringing.
    private CancellationTokenSource? _dialCancellation;

    private (TenantId Tenant, CallId Call) Key => TenantScopedKey.Parse<CallId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Request is not null;

    private CallProgress Progress => state.State.Progress;

    // Optional by design: a silo without LiveKit settings has no client, and its calls end Failed saying so.
    private LiveKitClient? LiveKit => services.GetService<LiveKitClient>();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists && !Progress.IsEnded) StartWatchdogTimer();
        return Task.CompletedTask;
    }

    public async Task<WriteResult<CallView>> PlaceAsync(PlaceCall request)
    {
        if (Exists)
        {
            return Structural.Same(state.State.Request, request)
                ? WriteResult<CallView>.Ok(View())
                : WriteResult<CallView>.Conflict("This idempotency key already placed a different call.", []);
        }

        var agent = await GrainFactory.GetAgent(Key.Tenant, request.AgentId).GetAsync();
        if (agent is null) return WriteResult<CallView>.BadReference("agentId", "There is no such agent in this tenant.");
        if (agent.Settings.Status != AgentStatus.Active)
            return WriteResult<CallView>.BadReference("agentId", $"The agent is {agent.Settings.Status.ToString().ToLowerInvariant()}, not active.");

        var now = time.GetUtcNow();
        var call = new CallState
        {
            Request = request,
            BrandId = agent.Brand.Id,
            RoomName = CallRoomName.Format(Key.Tenant, Key.Call),
            MaxCallDurationSeconds = agent.Settings.MaxCallDurationSeconds,
            Progress = CallLifecycle.Queued(now),
        };

        var liveKit = LiveKit;
        if (liveKit is null) return await PlaceEndedAsync(call, "telephony is not configured");

        var callerId = await GrainFactory.GetTelephonyDirectory(Key.Tenant).ResolveCallerIdAsync(request.FromNumberId, agent.Brand.Id, agent.Id);
        if (callerId.Outcome != CallerIdOutcome.Resolved)
            return await PlaceEndedAsync(call, $"no caller id: {callerId.Reason ?? "no number of this tenant may present this call"}");
        call = call with { From = callerId.Number, FromNumberId = callerId.NumberId, TrunkId = callerId.TrunkId };

        var instructions = await GrainFactory.GetAgent(Key.Tenant, request.AgentId).CompileInstructionsAsync(request.Variables)
                           ?? throw new InvalidOperationException($"Agent {request.AgentId} disappeared while placing call {Key.Call}.");

        // Queued and Dialing are one write: the dial starts right after it, and nothing observes the gap.
        state.State = call with { Progress = CallLifecycle.Dialing(call.Progress, now) };
        await state.WriteStateAsync();
        // The reminder is what brings a live call back after a crash; the timer watches it while active.
        var reminderPeriod = services.GetService<Microsoft.Extensions.Options.IOptions<CallWatchdogOptions>>()?.Value.ReminderPeriod ?? TimeSpan.FromMinutes(1);
        await this.RegisterOrUpdateReminder(WatchdogReminder, reminderPeriod, reminderPeriod);
        StartWatchdogTimer();

        var dial = new DialPlan(
            liveKit,
            this.AsReference<ICallGrain>(),
            state.State.RoomName,
            RoomMetadata(agent.Id),
            agent.Settings.LiveKitAgentName,
            DispatchMetadata(instructions, request),
            new LiveKitCreateSipParticipantRequest
            {
                SipTrunkId = callerId.LiveKitTrunkId,
                SipCallTo = request.To,
                SipNumber = callerId.Number,
                RoomName = state.State.RoomName,
                ParticipantIdentity = CalleeIdentity,
                RingingTimeout = RingingTimeout,
                MaxCallDuration = TimeSpan.FromSeconds(agent.Settings.MaxCallDurationSeconds),
                WaitUntilAnswered = true,
            });
        _dialInFlight = true;
        _dialCancellation = new CancellationTokenSource();
        var cancellation = _dialCancellation.Token;
        // Deliberately not awaited: the grain's turn ends here and the dial reports back by a self-call.
        _ = Task.Run(() => DialAsync(dial, logger, Key.Tenant, Key.Call, cancellation));
        logger.LogInformation("Call {CallId} of tenant {TenantId} dialing from {From} with agent {AgentId}", Key.Call, Key.Tenant, callerId.Number, agent.Id);
        return WriteResult<CallView>.Created(View());
    }

    public Task<CallView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public async Task<CallView?> HangUpAsync()
    {
        if (!Exists) return null;
        if (Progress.IsEnded) return View();
        _dialCancellation?.Cancel();
        if (LiveKit is { } liveKit)
        {
            // Removing the callee hangs up the SIP leg (or cancels the INVITE); deleting the room ends the agent too.
            await IgnoreNotFoundAsync(() => liveKit.RemoveParticipantAsync(state.State.RoomName, CalleeIdentity));
            await IgnoreNotFoundAsync(() => liveKit.DeleteRoomAsync(state.State.RoomName));
        }
        var reason = Progress.AnsweredAt is null ? CallEndReason.Cancelled : CallEndReason.Completed;
        await ApplyAsync(CallLifecycle.End(Progress, reason, time.GetUtcNow(), "hung up through the API"));
        return View();
    }

    public async Task OnLiveKitEventAsync(LiveKitCallEvent liveKitEvent)
    {
        if (!Exists || state.State.SeenEventIds.Contains(liveKitEvent.EventId)) return;
        var now = time.GetUtcNow();
        var callee = liveKitEvent.ParticipantIdentity == CalleeIdentity;
        var next = liveKitEvent.Event switch
        {
            "participant_joined" when callee => liveKitEvent.SipCallStatus switch
            {
                "ringing" => CallLifecycle.Ringing(CallLifecycle.Dialing(Progress, now), now),
                "active" => CallLifecycle.Answered(Progress, now),
                _ => CallLifecycle.Dialing(Progress, now),
            },
            "participant_left" or "participant_connection_aborted" when callee => CallLifecycle.CalleeLeft(Progress, liveKitEvent.DisconnectReason, now, TimeSpan.FromSeconds(state.State.MaxCallDurationSeconds)),
            "room_finished" => RoomGone(now),
            _ => Progress,
        };
        // The event id is stored only with a transition: an event that changes nothing is harmless to repeat, so
        // remembering it would cost a write for nothing.
        if (!ReferenceEquals(next, Progress))
        {
            var seen = state.State.SeenEventIds.Append(liveKitEvent.EventId).TakeLast(SeenEventLimit).ToArray();
            state.State = state.State with { SeenEventIds = seen };
            await ApplyAsync(next);
        }
    }

    public async Task ReportDialOutcomeAsync(DialOutcome outcome)
    {
        _dialInFlight = false;
        _dialCancellation?.Dispose();
        _dialCancellation = null;
        if (!Exists) return;
        var now = time.GetUtcNow();
        var next = outcome.Answered
            ? CallLifecycle.Answered(Progress, now)
            : CallLifecycle.DialFailed(Progress, outcome.SipStatusCode, outcome.Detail, now);
        await ApplyAsync(next);
        if (Progress.IsEnded && LiveKit is { } liveKit)
        {
            // A failed dial leaves the dispatched agent alone in the room, and a dial that raced a hang-up may have
            // created it after the hang-up deleted it: close it rather than wait for LiveKit's idle timeout.
            await IgnoreNotFoundAsync(() => liveKit.DeleteRoomAsync(state.State.RoomName));
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReconcileAsync();

    /// <summary>
    /// The watchdog: compares the call with LiveKit so that no call stays live forever — a lost webhook, a lost
    /// dial report, or a crash mid-dial all end here. Idempotent, as ticks repeat or are skipped.
    /// </summary>
    private async Task ReconcileAsync()
    {
        if (!Exists || Progress.IsEnded)
        {
            await StopWatchdogAsync();
            return;
        }
        var liveKit = LiveKit;
        if (liveKit is null) return;
        var now = time.GetUtcNow();

        var limit = TimeSpan.FromSeconds(state.State.MaxCallDurationSeconds) + RingingTimeout + TimeSpan.FromMinutes(1);
        if (now - Progress.QueuedAt > limit)
        {
            await IgnoreNotFoundAsync(() => liveKit.DeleteRoomAsync(state.State.RoomName));
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
        if (callee is null)
        {
            if (_dialInFlight) return;
            await ApplyAsync(RoomGone(now));
            return;
        }
        var next = callee.SipCallStatus switch
        {
            "ringing" => CallLifecycle.Ringing(Progress, now),
            "active" => CallLifecycle.Answered(Progress, now),
            _ => Progress,
        };
        await ApplyAsync(next);
    }

    /// <summary>The callee is no longer in LiveKit and nothing said why.</summary>
    private CallProgress RoomGone(DateTimeOffset now) =>
        CallLifecycle.End(Progress, Progress.AnsweredAt is null ? CallEndReason.Failed : CallEndReason.Completed, now,
            Progress.AnsweredAt is null ? "the call left LiveKit before it was answered" : null);

    private async Task ApplyAsync(CallProgress next)
    {
        if (ReferenceEquals(next, Progress)) return;
        var from = Progress.Status;
        state.State = state.State with { Progress = next };
        await state.WriteStateAsync();
        logger.LogInformation("Call {CallId} of tenant {TenantId} {From} -> {To} ({EndReason})", Key.Call, Key.Tenant, from, next.Status, next.EndReason);
        if (next.IsEnded) await StopWatchdogAsync();
        else if (next.Status == CallStatus.Answered) _watchdog?.Change(AnsweredPollPeriod, AnsweredPollPeriod);
    }

    private async Task<WriteResult<CallView>> PlaceEndedAsync(CallState call, string detail)
    {
        // A call that cannot be dialled still exists, ended, so the caller sees why: one write.
        state.State = call with { Progress = CallLifecycle.End(call.Progress, CallEndReason.Failed, call.Progress.QueuedAt, detail) };
        await state.WriteStateAsync();
        logger.LogWarning("Call {CallId} of tenant {TenantId} not placed: {Detail}", Key.Call, Key.Tenant, detail);
        return WriteResult<CallView>.Created(View());
    }

    private void StartWatchdogTimer()
    {
        var period = Progress.Status == CallStatus.Answered ? AnsweredPollPeriod : DialingPollPeriod;
        _watchdog ??= this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions { DueTime = period, Period = period });
    }

    private async Task StopWatchdogAsync()
    {
        _watchdog?.Dispose();
        _watchdog = null;
        if (await this.GetReminder(WatchdogReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private string RoomMetadata(AgentId agent) =>
        JsonSerializer.Serialize(new { tenantId = Key.Tenant.Value, callId = Key.Call.Value, agentId = agent.Value });

    private string DispatchMetadata(CompiledInstructions instructions, PlaceCall request) =>
        JsonSerializer.Serialize(new
        {
            callId = Key.Call.Value,
            tenantId = Key.Tenant.Value,
            agentId = request.AgentId.Value,
            instructions = instructions.Instructions,
            greeting = instructions.Greeting,
            voicemailMessage = instructions.VoicemailMessage,
            variables = request.Variables,
        });

    private CallView View()
    {
        var s = state.State;
        var p = s.Progress;
        return new CallView
        {
            Id = Key.Call,
            AgentId = s.Request!.AgentId,
            BrandId = s.BrandId,
            To = s.Request.To,
            From = s.From,
            FromNumberId = s.FromNumberId,
            TrunkId = s.TrunkId,
            Status = p.Status,
            EndReason = p.EndReason,
            EndDetail = p.EndDetail,
            SipStatusCode = p.SipStatusCode,
            DisconnectReason = p.DisconnectReason,
            RoomName = s.RoomName,
            QueuedAt = p.QueuedAt,
            DialingAt = p.DialingAt,
            RingingAt = p.RingingAt,
            AnsweredAt = p.AnsweredAt,
            EndedAt = p.EndedAt,
        };
    }

    private static async Task IgnoreNotFoundAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
        }
    }

    /// <summary>Runs on the thread pool, outside the grain: room, agent dispatch, then the one and only dial attempt.</summary>
    private static async Task DialAsync(DialPlan plan, ILogger logger, TenantId tenant, CallId call, CancellationToken hungUp)
    {
        DialOutcome outcome;
        try
        {
            await plan.LiveKit.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = plan.RoomName, Metadata = plan.RoomMetadata }, hungUp);
            await plan.LiveKit.CreateDispatchAsync(plan.RoomName, plan.AgentName, plan.DispatchMetadata, hungUp);
            hungUp.ThrowIfCancellationRequested();
            // Never retried (LiveKitClient does not either): a second attempt could ring the callee twice. Not cancelled
            // either: once sent, only removing the participant (the hang-up does) stops the INVITE.
            await plan.LiveKit.CreateSipParticipantAsync(plan.Sip);
            outcome = new DialOutcome { Answered = true, ParticipantIdentity = CalleeIdentity };
        }
        catch (LiveKitTwirpException e)
        {
            outcome = new DialOutcome { Answered = false, SipStatusCode = e.SipStatusCode, Detail = e.SipStatus ?? e.Message };
        }
        catch (OperationCanceledException) when (hungUp.IsCancellationRequested)
        {
            outcome = new DialOutcome { Answered = false, Detail = "hung up before dialling" };
        }
        catch (Exception e)
        {
            logger.LogError(e, "Dialling call {CallId} of tenant {TenantId} failed", call, tenant);
            outcome = new DialOutcome { Answered = false, Detail = "the dial failed inside the platform" };
        }

        try
        {
            await plan.Self.ReportDialOutcomeAsync(outcome);
        }
        catch (Exception e)
        {
            // The watchdog reconciles with LiveKit, so a lost report delays the call's state but never strands it.
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not record its dial outcome", call, tenant);
        }
    }

    private sealed record DialPlan(
        LiveKitClient LiveKit,
        ICallGrain Self,
        string RoomName,
        string RoomMetadata,
        string AgentName,
        string DispatchMetadata,
        LiveKitCreateSipParticipantRequest Sip);
}
