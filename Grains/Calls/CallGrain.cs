using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Leads;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// One outbound call. It orchestrates <see cref="CallLifecycle"/>: reports (the background dial, webhooks, the
/// watchdog) become transitions, and each transition is at most one durable write. Dialling runs off the grain's
/// turn in a <see cref="CallDialer"/>, so reads and hang-ups are served while it rings. The parts live beside it:
/// the agent worker's reports (<c>CallGrain.WorkerReports.cs</c>), the watchdog (<c>CallGrain.Watchdog.cs</c>), transfers,
/// billing and recording; the history text in <see cref="CallHistory"/>, the API view and call record in
/// <see cref="CallSnapshots"/>.
/// </summary>
[GrainType("call")]
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Platform)] IPersistentState<CallState> state,
    IOptions<CallMeteringOptions> meteringOptions,
    IOptions<CallRecordingOptions> recordingOptions,
    ICallRecordStore store,
    VoicePlatform.Grains.Leads.ILeadStore leadStore,
    TimeProvider time,
    ILogger<CallGrain> logger,
    IOptions<VoicePlatform.Grains.Live.LiveEventOptions> liveOptions,
    IOptions<CallWatchdogOptions> watchdogOptions,
    IClusterMembershipService membership,
    // Optional by design: a silo without LiveKit settings has no client, and its calls end Failed saying so.
    LiveKitClient? liveKit = null,
    LiveKitAccessTokenMinter? minter = null,
    IOptions<LiveKitOptions>? liveKitOptions = null) : Grain, ICallGrain, ICallReportsGrain, IRemindable
{
    public static readonly TimeSpan RingingTimeout = TimeSpan.FromSeconds(30);
    private const string HandoverReminder = "handover";
    // Orleans' floor for a reminder's period; the reminder is removed at its first tick anyway.
    private static readonly TimeSpan HandoverReminderPeriod = TimeSpan.FromMinutes(1);
    private const int SeenEventLimit = 64;

    // Cancelled by a hang-up, so a dial that has not reached LiveKit yet never starts ringing.
    private CancellationTokenSource? _dialCancellation;
    // Events not yet in the call-record store, and whether the store lags the state: a failed projection write is
    // retried by the watchdog, which stays registered until the store has caught up.
    private readonly List<CallEvent> _unprojected = [];
    private bool _projectionBehind;
    // True while the state holds changes not yet written (the agent's arrival, dialing and ringing times), which a
    // deactivation writes before the activation goes: a call handed to another silo must not forget its agent was
    // there, or its end would read as an abandoned call.
    private bool _stateUnsaved;

    // Set when a durable write failed: nothing this activation holds may be written any more (AbandonActivation).
    private bool _stateDiverged;
    // What this activation last told the call's lead; a new activation tells again (the lead ignores repeats).
    private (CallEndReason, CallDisposition?)? _toldLead;

    // The webhook event types this activation has put in the outbox (with a call-record save); see CallWebhookEvents.
    private readonly HashSet<string> _webhookEventsRecorded = new(StringComparer.Ordinal);

    private (TenantId Tenant, CallId Call)? _key;
    private CallDialer? _liveKitSide;

    /// <summary>The tenant and call of this grain's key, parsed once per activation.</summary>
    private (TenantId Tenant, CallId Call) Key => _key ??= TenantScopedKey.Parse<CallId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Request is not null;

    /// <summary>The phone's participant in the room: <c>callee</c> for an outbound call, LiveKit's <c>sip_…</c> for an inbound caller.</summary>
    private string CalleeIdentity => state.State.CalleeIdentity ?? CallLifecycle.CalleeIdentity;

    private CallProgress Progress => state.State.Progress;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A previous activation may have died between its state write and its projection write; the watchdog's
        // first tick (timer or reminder) re-saves, which is idempotent.
        _projectionBehind = Exists;
        if (Exists && !Progress.IsEnded && Progress.AnsweredAt is null) await RecoverAnswerAsync(cancellationToken);
        if (Exists && !Progress.IsEnded) StartWatchdogTimer(soon: true);
        HoldLive(Exists && !Progress.IsEnded && Progress.DialingAt is not null);
        ResumeBilling();
    }

    /// <summary>
    /// The answer is written to the call's record and history (the group-committed projection), not to its grain state:
    /// the end's write carries it there, which saves every answered call a transaction. A live call activated again after
    /// its silo died takes its dial, ringing and answer times back from its history, so it is billed from its real answer
    /// and its end reads as the conversation it was. A history that cannot be read fails the activation (the sweep, the
    /// next webhook or the next request try again) rather than carry on as if the call had never been answered.
    /// </summary>
    private async Task RecoverAnswerAsync(CancellationToken cancellationToken)
    {
        var history = await store.GetEventsAsync(Key.Tenant, Key.Call, cancellationToken);
        var recovered = CallHistory.RecoverProgress(Progress, history);
        if (recovered == Progress) return;
        state.State = state.State with { Progress = recovered };
        _stateUnsaved = true;
        logger.LogInformation("Call {CallId} of tenant {TenantId} resumed answered at {AnsweredAt} from its history", Key.Call, Key.Tenant, recovered.AnsweredAt);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        HoldLive(false);
        await LookForUnseenAgentAsync(cancellationToken);
        if (_stateUnsaved && Exists && !_stateDiverged)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken);
                _stateUnsaved = false;
            }
            catch (Exception e)
            {
                // The next activation's watchdog reads the room again (the agent's join time included, while it is there).
                logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not write its last changes as it was deactivated", Key.Call, Key.Tenant);
            }
        }
        // A silo leaving gracefully hands its live calls over: a reminder due at once wakes each on a silo that stays
        // (its activation resumes the watchdog and the metering), instead of waiting for LiveKit's next webhook or the
        // cluster's sweep a minute later. Only calls that still have work: live, or ended and not yet settled.
        if (Exists && (!Progress.IsEnded || !state.State.Billing.Settled) && GracefulHandover.Applies(reason, membership, GrainContext.Address.SiloAddress!))
        {
            try
            {
                await this.RegisterOrUpdateReminder(HandoverReminder, GracefulHandover.Due, HandoverReminderPeriod);
            }
            catch (Exception e)
            {
                // The sweep still finds it within its period.
                logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not register its handover; the sweep will wake it", Key.Call, Key.Tenant);
            }
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HandoverReminder) return;
        // Woken on its new silo: activation has resumed what the call needs; the reminder has done its work.
        if (await this.GetReminder(HandoverReminder) is { } handover) await this.UnregisterReminder(handover);
        await WakeAsync();
    }

    // Whether this activation counts in the silo's live-call gauge: set while the call is between its dial and its end.
    private bool _heldLive;

    private void HoldLive(bool live)
    {
        if (live == _heldLive) return;
        _heldLive = live;
        if (live) CallMetrics.LiveHeld(state.State.Direction);
        else CallMetrics.LiveReleased(state.State.Direction);
    }

    /// <summary>Now, to the microsecond: PostgreSQL keeps no finer, and the projection must agree with the grain.</summary>
    private DateTimeOffset Now() => time.GetStoredUtcNow();

    public async Task<WriteResult<CallView>> PlaceAsync(PlaceCall request)
    {
        if (Exists)
        {
            return state.State.Request!.SameAs(request)
                ? WriteResult<CallView>.Ok(View())
                : WriteResult<CallView>.Conflict("This idempotency key already placed a different call.", []);
        }

        if (await GrainFactory.GetAgent(Key.Tenant, request.AgentId).GetForCallAsync(request.Variables) is not { Agent: var agent, Instructions: var instructions })
            return WriteResult<CallView>.BadReference("agentId", "There is no such agent in this tenant.");
        if (agent.Settings.Status != AgentStatus.Active)
            return WriteResult<CallView>.BadReference("agentId", $"The agent is {agent.Settings.Status.ToString().ToLowerInvariant()}, not active.");

        var now = Now();
        var call = new CallState
        {
            Request = request,
            BrandId = agent.Brand.Id,
            RoomName = CallRoomName.Format(Key.Tenant, Key.Call),
            MaxCallDurationSeconds = agent.Settings.MaxCallDurationSeconds,
            Progress = CallLifecycle.Queued(now),
            TraceParent = PlatformActivities.CurrentTraceParent(),
        };
        if (liveKit is null) return await PlaceEndedAsync(call, "telephony is not configured");

        var callerId = await GrainFactory.GetTelephonyDirectory(Key.Tenant).ResolveCallerIdAsync(request.FromNumberId, agent.Brand.Id, agent.Id);
        // A number the caller named that cannot present this call is bad input, like another tenant's agent: nothing is stored.
        if (callerId.Outcome != CallerIdOutcome.Resolved && request.FromNumberId is not null)
            return WriteResult<CallView>.BadReference("fromNumberId", callerId.Reason ?? "This number cannot present this call.");
        if (callerId.Outcome != CallerIdOutcome.Resolved)
            return await PlaceEndedAsync(call, $"no caller id: {callerId.Reason ?? "no number of this tenant may present this call"}");
        call = call with { From = callerId.Number, FromNumberId = callerId.NumberId, TrunkId = callerId.TrunkId };

        var quoted = await Pricing.TryQuoteAsync(AgentPricingProfile.Of(agent.Settings));
        if (quoted.Value is not { } quote) return await PlaceEndedAsync(call, $"the call cannot be priced: {quoted.Detail}");

        var workerSecret = RandomIds.Create(CallWorkerCredential.SecretLength);
        var workerCredential = CallWorkerCredential.Format(Key.Tenant, Key.Call, workerSecret);

        // The one durable write before any side effect: from here a retry answers this call, and the sweeper can
        // find it (and release its reservation) if this silo dies before the dial.
        state.State = call with { WorkerSecretHash = Hash(workerSecret), Quote = quote };
        await SaveAsync(durable: true, [CallHistory.Queued(request.To, callerId.Number!, now)]);
        if (_projectionBehind)
        {
            // The call record is what lets the sweeper find this call after a crash; never ring a phone without it.
            await EndUnplacedAsync(CallEndReason.Failed, "the call could not be recorded, so it was not dialled");
            return WriteResult<CallView>.Created(View());
        }
        // Until the dial reports, "no callee in LiveKit" means "not there yet" to the watchdog.
        _dialInFlight = true;
        StartWatchdogTimer();

        var funds = await ReserveFirstBlockAsync(quote);
        if (funds is null)
        {
            _dialInFlight = false;
            return WriteResult<CallView>.Created(View());
        }
        var limit = CallMetering.DurationLimit(agent.Settings.MaxCallDurationSeconds, quote.EstimatedPerMinute, funds.Value);
        state.State = state.State with { Billing = state.State.Billing with { LimitSeconds = limit.Seconds, LimitedByFunds = limit.ByFunds } };
        await ApplyAsync(CallLifecycle.Dialing(Progress, Now()));

        var plan = CallDialer.Plan(Key.Tenant, Key.Call, request, state.State.RoomName, agent.Settings.LiveKitAgentName,
            instructions, workerCredential, callerId, limit.Seconds);
        _dialCancellation = new CancellationTokenSource();
        LiveKitSide!.StartDial(plan, _dialCancellation.Token);
        logger.LogInformation("Call {CallId} of tenant {TenantId} dialing from {From} with agent {AgentId}", Key.Call, Key.Tenant, callerId.Number, agent.Id);
        return WriteResult<CallView>.Created(View());
    }

    public Task<CallView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public async Task<IReadOnlyList<CallEvent>?> GetEventsAsync() =>
        Exists ? await store.GetEventsAsync(Key.Tenant, Key.Call) : null;

    public Task<CallView?> HangUpAsync() => HangUpAsync(CallEventTypes.HangUp, "hung up through the API");

    public Task<CallView?> EndByAgentAsync() => HangUpAsync(CallEventTypes.EndRequested, "ended by the agent");

    private async Task<CallView?> HangUpAsync(string eventType, string detail, CallEndReason? reason = null)
    {
        if (!Exists) return null;
        if (Progress.IsEnded) return View();
        _dialCancellation?.Cancel();
        if (LiveKitSide is { } liveKitSide) await liveKitSide.HangUpAsync(state.State.RoomName, CalleeIdentity);
        reason ??= state.State.MessageEndReason ?? (Progress.AnsweredAt is null ? CallEndReason.Cancelled : CallEndReason.Completed);
        var now = Now();
        await ApplyAsync(CallLifecycle.End(Progress, reason.Value, now, detail), [CallHistory.EndAsked(eventType, detail, now)]);
        return View();
    }

    public async Task OnLiveKitEventAsync(LiveKitCallEvent liveKitEvent)
    {
        if (!Exists || state.State.SeenEventIds.Contains(liveKitEvent.EventId)) return;
        using var span = PlatformActivities.Source.StartActivity($"call {liveKitEvent.Event}", System.Diagnostics.ActivityKind.Internal,
            parentContext: default, links: PlatformActivities.LinkTo(state.State.TraceParent));
        span?.SetTag(PlatformActivities.CallTag, Key.Call.Value).SetTag(PlatformActivities.TenantTag, Key.Tenant.Value).SetTag("livekit.event", liveKitEvent.Event);
        var now = Now();
        if (liveKitEvent.Event == "egress_ended")
        {
            await RecordingEndedAsync(liveKitEvent, now);
            return;
        }
        var maxDuration = TimeSpan.FromSeconds(state.State.Billing.LimitSeconds ?? state.State.MaxCallDurationSeconds);
        var next = CallLifecycle.OnLiveKitEvent(Progress, liveKitEvent, now, maxDuration, state.State.Billing.LimitedByFunds, CalleeIdentity);
        // The event id is stored only with a transition: an event that changes nothing is harmless to repeat, so
        // remembering it would cost a write for nothing.
        if (ReferenceEquals(next, Progress)) return;
        state.State = state.State with { SeenEventIds = Remember(liveKitEvent) };
        var wasEnded = Progress.IsEnded;
        await ApplyAsync(next, [CallHistory.Webhook(liveKitEvent, now)]);
        // The callee left: the agent (and any recording) would otherwise linger in the room until LiveKit's departure
        // timeout. After room_finished there is no room left to close.
        if (!wasEnded && Progress.IsEnded && liveKitEvent.Event != "room_finished") await CloseRoomAsync();
    }

    public async Task ReportDialOutcomeAsync(DialOutcome outcome)
    {
        _dialInFlight = false;
        _dialCancellation?.Dispose();
        _dialCancellation = null;
        if (!Exists) return;
        var now = Now();
        var next = outcome.Answered
            ? CallLifecycle.Answered(Progress, now)
            : CallLifecycle.DialFailed(Progress, outcome.SipStatusCode, outcome.Detail, now);
        var wasEnded = Progress.IsEnded;
        await ApplyAsync(next);
        if (wasEnded)
        {
            // Kept in the history, not in the grain's state.
            _unprojected.Add(CallHistory.LateDialOutcome(outcome, now));
            await ProjectAsync();
        }
        if (CallLifecycle.ClosesRoomAfterDialOutcome(wasEnded, Progress, outcome.Answered)) await CloseRoomAsync();
    }

    /// <summary>
    /// Moves the call to <paramref name="next"/> (after the voicemail rule) and saves it with a history entry and
    /// <paramref name="extraEvents"/>; nothing at all when nothing changed.
    /// </summary>
    private async Task ApplyAsync(CallProgress next, IReadOnlyList<CallEvent>? extraEvents = null)
    {
        next = CallLifecycle.ClassifyVoicemail(next, state.State.AnsweredBy);
        if (next == Progress) return;
        if (Progress with { AgentJoinedAt = next.AgentJoinedAt } == next)
        {
            // Only the agent's arrival: kept in memory and carried by the next write (the answer's projection, the end),
            // as a write of its own would cost a transaction per call for a timestamp — unless the call is answered
            // already, when the late arrival is what decides whether the call was abandoned: into its history at once.
            state.State = state.State with { Progress = next };
            if (next.AnsweredAt is null) _stateUnsaved = true;
            else await SaveAsync(durable: false, [CallHistory.AgentJoined(next.AgentJoinedAt!.Value)]);
            return;
        }
        var from = Progress;
        state.State = state.State with { Progress = next };
        CallMetrics.Transition(from, next, state.State.AnsweredBy, state.State.Direction);
        HoldLive(!next.IsEnded && next.DialingAt is not null);
        var events = new List<CallEvent> { CallHistory.Transition(from, next) };
        // The answer goes to the history, not the grain state (RecoverAnswerAsync), and the agent's arrival with it.
        if (from.AnsweredAt is null && next.AnsweredAt is not null && next.AgentJoinedAt is { } joined) events.Add(CallHistory.AgentJoined(joined));
        if (extraEvents is not null) events.AddRange(extraEvents);
        // An unanswered call has nothing to wait for: it settles (releases its reservation) before its end is written,
        // so the end and the settlement are one write. A crash in between replays the same keyed wallet operations.
        if (next.IsEnded && next.AnsweredAt is null && !AwaitsLateAnswer(next)) events.AddRange(await SettleInlineAsync());
        // Dialing and ringing are not worth a durable write each: a crash loses at most their timestamps (the watchdog
        // sees the call in LiveKit again), and the next durable write (answer or end) carries them anyway. Dialing
        // follows the queued record within milliseconds, so it is not even projected on its own.
        // The answer is not written to the grain state either (RecoverAnswerAsync): its projection is, and must be — a
        // projection of the answer that fails drops the activation as a failed durable write does.
        await SaveAsync(durable: next.Status is not (CallStatus.Dialing or CallStatus.Ringing or CallStatus.Answered), events,
            project: next.Status != CallStatus.Dialing, projectionRequired: next.Status == CallStatus.Answered);
        // Dialing is told at Information with its caller id and agent (below in PlaceAsync); ringing is a detail.
        logger.Log(next.Status is CallStatus.Dialing or CallStatus.Ringing ? LogLevel.Debug : LogLevel.Information,
            "Call {CallId} of tenant {TenantId} {From} -> {To} ({EndReason})", Key.Call, Key.Tenant, from.Status, next.Status, next.EndReason);
        await AfterTransitionAsync(next);
    }

    /// <summary>
    /// An inbound conversation that ended with no answer seen, by a departure nothing explained: LiveKit answers the
    /// caller as soon as the agent's audio is there, and only a poll or the worker's report shows it, so the answer may
    /// have gone unseen. Its settlement waits the <see cref="CallMeteringOptions.LateAnswerGrace"/> for the worker's
    /// answered-by report (which it retries through an outage) instead of settling it unanswered at once — one more write,
    /// only for callers who hang up while ringing. Outbound answers also come with the dial's own result.
    /// </summary>
    private bool AwaitsLateAnswer(CallProgress call) =>
        state.State.Direction == CallDirection.Inbound && state.State.InboundMode == InboundClaimMode.Converse && CallLifecycle.MayHaveBeenAnswered(call);

    private async Task AfterTransitionAsync(CallProgress next)
    {
        if (next.IsEnded && state.State.Direction == CallDirection.Inbound) await InboundLines.ReleaseInboundAsync(Key.Call);
        if (next.Status == CallStatus.Answered && state.State.Recording is null) await StartRecordingAsync();
        if (next.IsEnded) StopWatchdog();
        else if (next.Status == CallStatus.Answered) SlowWatchdogDown();
        ResumeBilling();
    }

    /// <summary>
    /// One change of the call: the grain state (when <paramref name="durable"/>), then the projection and history in
    /// the call-record store. The revision grows either way (<see cref="CallRevisions"/>), so the store keeps the newest picture.
    /// </summary>
    private async Task SaveAsync(bool durable, IEnumerable<CallEvent> events, bool project = true, bool projectionRequired = false)
    {
        state.State = state.State with { Revision = CallRevisions.Next(state.State.Revision, durable) };
        if (durable)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception e)
            {
                AbandonActivation(e);
                throw;
            }
            _stateUnsaved = false;
        }
        else
        {
            _stateUnsaved = true;
        }
        PublishCallUpdated();
        _unprojected.AddRange(events);
        if (project) await ProjectAsync(projectionRequired);
        if (Progress.IsEnded) await TellLeadAsync();
    }

    /// <summary>
    /// A durable write failed (the database unreachable): this activation's state is now ahead of what is stored, and
    /// what should follow the change (the end's settlement, the record, the lead) did not happen. Carrying on from it
    /// would leave the call ended in memory only — every repeat of the change would find nothing to do, and nothing would
    /// settle it (found by the failure suite crashing PostgreSQL). So the activation goes, without writing: the next
    /// one reads the stored state and does the change again when LiveKit repeats its webhook, the call's reminder or the
    /// cluster's sweep wakes it, and its watchdog looks at the room.
    /// </summary>
    private void AbandonActivation(Exception error)
    {
        _stateDiverged = true;
        _stateUnsaved = false;
        logger.LogWarning("Call {CallId} of tenant {TenantId} could not write its state ({Error}); its activation is dropped and the stored state will be read again",
            Key.Call, Key.Tenant, error.Message);
        DeactivateOnIdle();
    }

    /// <summary>
    /// A campaign call tells its lead how it ended — at the end, and again when a later report (the agent's outcome
    /// after a hang-up) changes what the lead decides by. One-way: the lead applies it once by its row's revision, and
    /// a lost message is found by the campaign's reconcile, which reads this call.
    /// </summary>
    private Task TellLeadAsync()
    {
        if (state.State.Request is not { CampaignId: { } campaign, LeadId: { } lead } || Leads.CallEndings.Of(View()) is not { } ended) return Task.CompletedTask;
        if (_toldLead == (ended.EndReason, ended.Disposition)) return Task.CompletedTask;
        _toldLead = (ended.EndReason, ended.Disposition);
        return GrainFactory.GetLead(Key.Tenant, campaign, lead).OnCallEndedAsync(ended);
    }

    /// <param name="required">The projection holds a change the grain state does not (the answer): its failure drops the activation.</param>
    private async Task ProjectAsync(bool required = false)
    {
        try
        {
            var webhookEvents = CallWebhookEvents.Implied(state.State, Key.Tenant, View(), _webhookEventsRecorded);
            await store.SaveAsync(state.State.ToRecord(Key.Tenant, Key.Call), _unprojected.ToArray(), webhookEvents);
            _unprojected.Clear();
            _projectionBehind = false;
            if (webhookEvents.Count > 0)
            {
                foreach (var recorded in webhookEvents) _webhookEventsRecorded.Add(recorded.Type);
                await GrainFactory.GetTenantWebhooks(Key.Tenant).WakeAsync();
            }
        }
        catch (Exception e) when (required)
        {
            AbandonActivation(e);
            throw;
        }
        catch (Exception e)
        {
            // The call itself is safe in grain state; the list and history catch up on the watchdog's next tick.
            _projectionBehind = true;
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not update its call record; retrying on the watchdog", Key.Call, Key.Tenant);
            if (Progress.IsEnded) StartWatchdogTimer();
        }
    }

    private async Task<WriteResult<CallView>> PlaceEndedAsync(CallState call, string detail)
    {
        // A call that cannot be dialled still exists, ended, so the caller sees why: one write.
        state.State = call with
        {
            Progress = CallLifecycle.End(call.Progress, CallEndReason.Failed, call.Progress.QueuedAt, detail),
            Billing = new CallBilling { Settled = true },
            NeverDialed = true,
        };
        await SaveAsync(durable: true, [CallHistory.NotPlaced(detail, call.Progress.QueuedAt)]);
        logger.LogWarning("Call {CallId} of tenant {TenantId} not placed: {Detail}", Key.Call, Key.Tenant, detail);
        return WriteResult<CallView>.Created(View());
    }

    private CallView View() => state.State.ToView(Key.Call) with { ChargedSoFar = ChargedSoFar() };

    /// <summary>Settled: the price. Live: the blocks this activation debited (after a crash the settlement catches up).</summary>
    private long ChargedSoFar() => state.State.Billing.Settled
        ? state.State.Billing.Cost?.Total ?? 0
        : state.State.Quote is { } quote ? CallMetering.DebitedThrough(quote.EstimatedPerMinute, Metering.BlockDuration, _meteredBlocks) : 0;

    /// <summary>This call's side of LiveKit, or null on a silo without telephony.</summary>
    private CallDialer? LiveKitSide => liveKit is null ? null : _liveKitSide ??= new(liveKit, this.AsReference<ICallReportsGrain>(), Key.Tenant, Key.Call, logger);

    /// <summary>The webhook ids applied so far with <paramref name="liveKitEvent"/>'s added, newest kept.</summary>
    private string[] Remember(LiveKitCallEvent liveKitEvent) =>
        state.State.SeenEventIds.Append(liveKitEvent.EventId).TakeLast(SeenEventLimit).ToArray();

    private Task CloseRoomAsync() => LiveKitSide?.CloseRoomAsync(state.State.RoomName) ?? Task.CompletedTask;
}
