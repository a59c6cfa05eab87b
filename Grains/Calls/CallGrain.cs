using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Pricing;
using VoicePlatform.Wallets;
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
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Platform)] IPersistentState<CallState> state,
    IOptions<CallMeteringOptions> meteringOptions,
    IOptions<CallRecordingOptions> recordingOptions,
    ICallRecordStore store,
    TimeProvider time,
    ILogger<CallGrain> logger,
    // Optional by design: a silo without LiveKit settings has no client, and its calls end Failed saying so.
    LiveKitClient? liveKit = null) : Grain, ICallGrain, ICallReportsGrain
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
    private const int SeenEventLimit = 64;
    private const int UsageReportLimit = 100;

    /// <summary>How long after the end the agent worker may still report (final transcript, usage, outcome).</summary>
    public static readonly TimeSpan WorkerGracePeriod = TimeSpan.FromMinutes(15);

    private IGrainTimer? _watchdog;
    // True while this activation's background dial is waiting for CreateSIPParticipant: the callee may not be in
    // the room yet, so the watchdog must not read "no participant" as "gone".
    private bool _dialInFlight;
    // Cancelled by a hang-up, so a dial that has not reached LiveKit yet never starts ringing.
    private CancellationTokenSource? _dialCancellation;
    // Events not yet in the call-record store, and whether the store lags the state: a failed projection write is
    // retried by the watchdog, which stays registered until the store has caught up.
    private readonly List<CallEvent> _unprojected = [];
    private bool _projectionBehind;

    private (TenantId Tenant, CallId Call)? _key;

    /// <summary>The tenant and call of this grain's key, parsed once per activation.</summary>
    private (TenantId Tenant, CallId Call) Key => _key ??= TenantScopedKey.Parse<CallId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Request is not null;

    private CallProgress Progress => state.State.Progress;

    private LiveKitClient? LiveKit => liveKit;

    private ICallRecordStore Store => store;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A previous activation may have died between its state write and its projection write; the watchdog's
        // first tick (timer or reminder) re-saves, which is idempotent.
        _projectionBehind = Exists;
        if (Exists && !Progress.IsEnded) StartWatchdogTimer();
        ResumeBilling();
        return Task.CompletedTask;
    }

    /// <summary>Now, to the microsecond: PostgreSQL keeps no finer, and the projection must agree with the grain.</summary>
    private DateTimeOffset Now() => time.GetStoredUtcNow();

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

        var now = Now();
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
        // A number the caller named that cannot present this call is bad input, like another tenant's agent: nothing is stored.
        if (callerId.Outcome != CallerIdOutcome.Resolved && request.FromNumberId is not null)
            return WriteResult<CallView>.BadReference("fromNumberId", callerId.Reason ?? "This number cannot present this call.");
        if (callerId.Outcome != CallerIdOutcome.Resolved)
            return await PlaceEndedAsync(call, $"no caller id: {callerId.Reason ?? "no number of this tenant may present this call"}");
        call = call with { From = callerId.Number, FromNumberId = callerId.NumberId, TrunkId = callerId.TrunkId };

        var instructions = await GrainFactory.GetAgent(Key.Tenant, request.AgentId).CompileInstructionsAsync(request.Variables)
                           ?? throw new InvalidOperationException($"Agent {request.AgentId} disappeared while placing call {Key.Call}.");

        var quoted = await Pricing.TryQuoteAsync(AgentPricingProfile.Of(agent.Settings));
        if (quoted.Value is not { } quote) return await PlaceEndedAsync(call, $"the call cannot be priced: {quoted.Detail}");

        var workerSecret = RandomIds.Create(CallWorkerCredential.SecretLength);
        var workerCredential = CallWorkerCredential.Format(Key.Tenant, Key.Call, workerSecret);

        // The one durable write before any side effect: from here a retry answers this call, and the sweeper can
        // find it (and release its reservation) if this silo dies before the dial.
        state.State = call with { WorkerSecretHash = Hash(workerSecret), Quote = quote };
        await SaveAsync(durable: true, [Event(CallEventTypes.StatusChanged, "queued", $"queued: {request.To} from {callerId.Number}", now)]);
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

        var dial = new DialPlan(
            liveKit,
            this.AsReference<ICallReportsGrain>(),
            state.State.RoomName,
            RoomMetadata(request),
            agent.Settings.LiveKitAgentName,
            DispatchMetadata(instructions, request, workerCredential),
            new LiveKitCreateSipParticipantRequest
            {
                SipTrunkId = callerId.LiveKitTrunkId,
                SipCallTo = request.To,
                SipNumber = callerId.Number,
                RoomName = state.State.RoomName,
                ParticipantIdentity = CalleeIdentity,
                RingingTimeout = RingingTimeout,
                // LiveKit ends the call at this limit by itself, even if the whole cluster is down when the money runs out.
                MaxCallDuration = TimeSpan.FromSeconds(limit.Seconds),
                WaitUntilAnswered = true,
            });
        _dialCancellation = new CancellationTokenSource();
        var cancellation = _dialCancellation.Token;
        // Deliberately not awaited: the grain's turn ends here and the dial reports back by a self-call.
        _ = Task.Run(() => DialAsync(dial, logger, Key.Tenant, Key.Call, cancellation));
        logger.LogInformation("Call {CallId} of tenant {TenantId} dialing from {From} with agent {AgentId}", Key.Call, Key.Tenant, callerId.Number, agent.Id);
        return WriteResult<CallView>.Created(View());
    }

    public Task<CallView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public Task<bool> AuthenticateWorkerAsync(string secret)
    {
        if (!Exists || state.State.WorkerSecretHash is not { } expected) return Task.FromResult(false);
        if (Progress.EndedAt is { } ended && Now() - ended > WorkerGracePeriod) return Task.FromResult(false);
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expected));
        return Task.FromResult(matches);
    }

    public async Task<WriteResult<int>> AddTranscriptAsync(IReadOnlyList<TranscriptSegment> segments)
    {
        if (!Exists) return WriteResult<int>.NotFound();
        // Straight to the store, no grain state: segments are the bulk of a call, and the store is idempotent per id.
        await Store.SaveTranscriptAsync(Key.Tenant, Key.Call, segments);
        return WriteResult<int>.Ok(segments.Count);
    }

    public async Task<WriteResult<CallView>> ReportAnsweredByAsync(AnsweredBy answeredBy)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.AnsweredBy == answeredBy) return WriteResult<CallView>.Ok(View());
        if (state.State.AnsweredBy is { } earlier)
            return WriteResult<CallView>.Conflict($"The call was already reported answered by a {earlier.Kebab()}.", []);

        var now = Now();
        var from = Progress;
        state.State = state.State with { AnsweredBy = answeredBy };
        // The worker hears whoever picked up, so its report is an answer too (before wait_until_answered returns, or
        // when that report was lost); on an ended call it can only reclassify the end.
        var next = CallLifecycle.ClassifyVoicemail(from.IsEnded ? from : CallLifecycle.Answered(from, now), answeredBy);
        state.State = state.State with { Progress = next };
        var events = new List<CallEvent> { Event(CallEventTypes.AnsweredBy, "answered-by", $"answered by a {answeredBy.Kebab()}", now) };
        if (!ReferenceEquals(next, from)) events.Insert(0, TransitionEvent(from, next));
        await SaveAsync(durable: true, events);
        logger.LogInformation("Call {CallId} of tenant {TenantId} answered by {AnsweredBy}", Key.Call, Key.Tenant, answeredBy);
        if (!ReferenceEquals(next, from)) await AfterTransitionAsync(next);
        return WriteResult<CallView>.Ok(View());
    }

    public async Task<WriteResult<CallView>> ReportOutcomeAsync(CallOutcome outcome)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.Outcome is { } current)
        {
            // Older than what we have: a late delivery, answered with the current outcome and changing nothing.
            if (outcome.Sequence < current.Sequence) return WriteResult<CallView>.Ok(View());
            if (outcome.Sequence == current.Sequence)
                return Structural.Same(current, outcome)
                    ? WriteResult<CallView>.Ok(View())
                    : WriteResult<CallView>.Conflict($"Outcome sequence {outcome.Sequence} was already reported with other content; send a higher sequence to replace it.", []);
        }
        var now = Now();
        state.State = state.State with { Outcome = outcome };
        var detail = outcome.Disposition.Kebab() + (outcome.Summary is { Length: > 0 } summary ? $": {summary}" : "");
        await SaveAsync(durable: true, [Event(CallEventTypes.Outcome, $"outcome:{outcome.Sequence}", detail, now)]);
        return WriteResult<CallView>.Ok(View());
    }

    public async Task<WriteResult<CallView>> ReportUsageAsync(UsageReport usage)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.UsageReports.FirstOrDefault(r => r.Id == usage.Id) is { } seen)
            return Structural.Same(seen, usage)
                ? WriteResult<CallView>.Ok(View())
                : WriteResult<CallView>.Conflict($"Usage report '{usage.Id}' was already received with other items.", []);
        if (state.State.UsageReports.Count >= UsageReportLimit)
            return WriteResult<CallView>.Conflict($"A call takes at most {UsageReportLimit} usage reports; send totals in fewer, larger reports.", []);

        var now = Now();
        state.State = state.State with { UsageReports = [.. state.State.UsageReports, usage] };
        var detail = string.Join(", ", usage.Items.Select(i => $"{i.Kind.Kebab()} {i.Provider}/{i.Model}"));
        await SaveAsync(durable: true, [Event(CallEventTypes.Usage, $"usage:{usage.Id}", detail, now)]);
        return WriteResult<CallView>.Ok(View());
    }

    public async Task<WriteResult<CallView>> TransferAsync(TransferCall transfer)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.TransferTo == transfer.To) return WriteResult<CallView>.Ok(View());
        if (state.State.TransferTo is { } earlier) return WriteResult<CallView>.Conflict($"The call was already transferred to {earlier}.", []);
        if (Progress.IsEnded) return WriteResult<CallView>.Conflict("The call has ended.", []);
        if (Progress.AnsweredAt is null) return WriteResult<CallView>.Conflict("The call has not been answered yet.", []);
        if (LiveKit is not { } liveKit) return WriteResult<CallView>.Conflict("Telephony is not configured on this silo.", []);

        // Recorded before LiveKit is asked, so a retry can never transfer twice (TransferSIPParticipant is not retried).
        var now = Now();
        state.State = state.State with { TransferTo = transfer.To };
        await SaveAsync(durable: true, [Event(CallEventTypes.Transfer, "transfer", $"transferring to {transfer.To}", now)]);
        var request = new LiveKitTransferSipParticipantRequest
        {
            RoomName = state.State.RoomName,
            ParticipantIdentity = CalleeIdentity,
            TransferTo = $"tel:{transfer.To}",
            PlayDialtone = true,
        };
        var self = this.AsReference<ICallReportsGrain>();
        var (tenant, call) = Key;
        // Off the grain's turn, like the dial: a transfer rings the other party and may take a while.
        _ = Task.Run(() => TransferInBackgroundAsync(liveKit, request, self, logger, tenant, call));
        return WriteResult<CallView>.Ok(View());
    }

    public async Task ReportTransferOutcomeAsync(string? error)
    {
        if (!Exists) return;
        var now = Now();
        if (error is not null) state.State = state.State with { TransferError = error };
        var detail = error is null ? $"transferred to {state.State.TransferTo}" : $"transfer failed: {error}";
        await SaveAsync(durable: error is not null, [Event(CallEventTypes.Transfer, error is null ? "transfer:done" : "transfer:failed", detail, now)]);
    }

    public async Task<IReadOnlyList<TranscriptSegment>?> GetTranscriptAsync() =>
        Exists ? await Store.GetTranscriptAsync(Key.Tenant, Key.Call) : null;

    public async Task<IReadOnlyList<CallEvent>?> GetEventsAsync() =>
        Exists ? await Store.GetEventsAsync(Key.Tenant, Key.Call) : null;

    private static async Task TransferInBackgroundAsync(
        LiveKitClient liveKit, LiveKitTransferSipParticipantRequest request, ICallReportsGrain self, ILogger logger, TenantId tenant, CallId call)
    {
        string? error = null;
        try
        {
            await liveKit.TransferSipParticipantAsync(request);
        }
        catch (LiveKitTwirpException e)
        {
            error = e.SipStatus ?? e.Message;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Transferring call {CallId} of tenant {TenantId} failed", call, tenant);
            error = "the transfer failed inside the platform";
        }
        try
        {
            await self.ReportTransferOutcomeAsync(error);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not record its transfer outcome", call, tenant);
        }
    }

    public Task<CallView?> HangUpAsync() => HangUpAsync(CallEventTypes.HangUp, "hung up through the API");

    public Task<CallView?> EndByAgentAsync() => HangUpAsync(CallEventTypes.EndRequested, "ended by the agent");

    private async Task<CallView?> HangUpAsync(string eventType, string detail, CallEndReason? reason = null)
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
        reason ??= Progress.AnsweredAt is null ? CallEndReason.Cancelled : CallEndReason.Completed;
        var now = Now();
        await ApplyAsync(CallLifecycle.End(Progress, reason.Value, now, detail), [Event(eventType, eventType, detail, now)]);
        return View();
    }

    public async Task OnLiveKitEventAsync(LiveKitCallEvent liveKitEvent)
    {
        if (!Exists || state.State.SeenEventIds.Contains(liveKitEvent.EventId)) return;
        var now = Now();
        var callee = liveKitEvent.ParticipantIdentity == CalleeIdentity;
        var next = liveKitEvent.Event switch
        {
            "participant_joined" when callee => liveKitEvent.SipCallStatus switch
            {
                "ringing" => CallLifecycle.Ringing(CallLifecycle.Dialing(Progress, now), now),
                "active" => CallLifecycle.Answered(Progress, now),
                _ => CallLifecycle.Dialing(Progress, now),
            },
            "participant_left" or "participant_connection_aborted" when callee => CallLifecycle.CalleeLeft(Progress, liveKitEvent.DisconnectReason, now,
                TimeSpan.FromSeconds(state.State.Billing.LimitSeconds ?? state.State.MaxCallDurationSeconds), state.State.Billing.LimitedByFunds),
            "room_finished" => RoomGone(now),
            _ => Progress,
        };
        if (liveKitEvent.Event == "egress_ended")
        {
            await RecordingEndedAsync(liveKitEvent, now);
            return;
        }
        // The event id is stored only with a transition: an event that changes nothing is harmless to repeat, so
        // remembering it would cost a write for nothing.
        if (!ReferenceEquals(next, Progress))
        {
            var seen = state.State.SeenEventIds.Append(liveKitEvent.EventId).TakeLast(SeenEventLimit).ToArray();
            state.State = state.State with { SeenEventIds = seen };
            var what = $"{liveKitEvent.Event} {liveKitEvent.ParticipantIdentity}".TrimEnd()
                       + (liveKitEvent.DisconnectReason is { Length: > 0 } why ? $" ({why})" : "");
            var wasEnded = Progress.IsEnded;
            await ApplyAsync(next, [Event(CallEventTypes.LiveKitWebhook, $"webhook:{liveKitEvent.EventId}", what, now)]);
            // The callee left: the agent (and any recording) would otherwise linger in the room until LiveKit's departure
            // timeout. After room_finished there is no room left to close.
            if (!wasEnded && Progress.IsEnded && liveKitEvent.Event != "room_finished") await CloseRoomAsync();
        }
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
            // Kept in the history (not in the grain's state): support can see what the carrier said to the cancelled INVITE.
            _unprojected.Add(Event(CallEventTypes.LateDialOutcome, CallEventTypes.LateDialOutcome, outcome.Answered
                ? "the callee answered after the call had ended and is hung up"
                : $"the dial returned after the call had ended: {(outcome.SipStatusCode is { } code ? $"SIP {code} " : "")}{outcome.Detail}".TrimEnd(), now));
            await ProjectAsync();
        }
        if (CallLifecycle.ClosesRoomAfterDialOutcome(wasEnded, Progress, outcome.Answered)) await CloseRoomAsync();
    }

    public Task WakeAsync()
    {
        // Activation already restarted the timer of a live call; an ended call only needs its record caught up.
        if (Exists && _projectionBehind && Progress.IsEnded) return ProjectAsync();
        if (Exists && !Progress.IsEnded) StartWatchdogTimer();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The watchdog: compares the call with LiveKit so that no call stays live forever — a lost webhook, a lost
    /// dial report, or a crash mid-dial all end here. Idempotent, as ticks repeat or are skipped.
    /// </summary>
    private async Task ReconcileAsync()
    {
        if (Exists && _projectionBehind) await ProjectAsync();
        if (!Exists || Progress.IsEnded)
        {
            StopWatchdog();
            return;
        }
        var liveKit = LiveKit;
        if (liveKit is null) return;
        var now = Now();

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
            // The agent may still be in the room the callee left, and an empty room lingers until LiveKit's departure
            // timeout: close it (a room already gone answers not_found, which is fine).
            if (Progress.IsEnded) await CloseRoomAsync();
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

    /// <summary>
    /// Moves the call to <paramref name="next"/> (after the voicemail rule) and saves it with a history entry and
    /// <paramref name="extraEvents"/>; nothing at all when nothing changed.
    /// </summary>
    private async Task ApplyAsync(CallProgress next, IReadOnlyList<CallEvent>? extraEvents = null)
    {
        next = CallLifecycle.ClassifyVoicemail(next, state.State.AnsweredBy);
        if (next == Progress) return;
        var from = Progress;
        state.State = state.State with { Progress = next };
        var events = new List<CallEvent> { TransitionEvent(from, next) };
        if (extraEvents is not null) events.AddRange(extraEvents);
        // An unanswered call has nothing to wait for: it settles (releases its reservation) before its end is written,
        // so the end and the settlement are one write. A crash in between replays the same keyed wallet operations.
        if (next.IsEnded && next.AnsweredAt is null) events.AddRange(await SettleInlineAsync());
        // Dialing and ringing are not worth a durable write each: a crash loses at most their timestamps (the watchdog
        // sees the call in LiveKit again), and the next durable write (answer or end) carries them anyway. Dialing
        // follows the queued record within milliseconds, so it is not even projected on its own.
        await SaveAsync(durable: next.Status is not (CallStatus.Dialing or CallStatus.Ringing), events, project: next.Status != CallStatus.Dialing);
        logger.LogInformation("Call {CallId} of tenant {TenantId} {From} -> {To} ({EndReason})", Key.Call, Key.Tenant, from.Status, next.Status, next.EndReason);
        await AfterTransitionAsync(next);
    }

    private async Task AfterTransitionAsync(CallProgress next)
    {
        if (next.Status == CallStatus.Answered && state.State.Recording is null) await StartRecordingAsync();
        AfterTransition(next);
    }

    private void AfterTransition(CallProgress next)
    {
        if (next.IsEnded) StopWatchdog();
        else if (next.Status == CallStatus.Answered) _watchdog?.Change(AnsweredPollPeriod, AnsweredPollPeriod);
        ResumeBilling();
    }

    /// <summary>
    /// One change of the call: the grain state (when <paramref name="durable"/>), then the projection and history in
    /// the call-record store. The revision grows either way, so the store keeps the newest picture.
    /// </summary>
    private async Task SaveAsync(bool durable, IEnumerable<CallEvent> events, bool project = true)
    {
        state.State = state.State with { Revision = state.State.Revision + 1 };
        if (durable) await state.WriteStateAsync();
        _unprojected.AddRange(events);
        if (project) await ProjectAsync();
    }

    private async Task ProjectAsync()
    {
        try
        {
            await Store.SaveAsync(Record(), _unprojected.ToArray());
            _unprojected.Clear();
            _projectionBehind = false;
        }
        catch (Exception e)
        {
            // The call itself is safe in grain state; the list and history catch up on the watchdog's next tick.
            _projectionBehind = true;
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not update its call record; retrying on the watchdog", Key.Call, Key.Tenant);
            if (Progress.IsEnded) StartWatchdogTimer();
        }
    }

    private static CallEvent TransitionEvent(CallProgress from, CallProgress to)
    {
        var at = to.EndedAt ?? to.AnsweredAt ?? to.RingingAt ?? to.DialingAt ?? to.QueuedAt;
        if (!to.IsEnded) return Event(CallEventTypes.StatusChanged, to.Status.Kebab(), $"{from.Status.Kebab()} -> {to.Status.Kebab()}", at);
        var detail = $"ended: {to.EndReason!.Value.Kebab()}"
                     + (to.SipStatusCode is { } sip ? $" (SIP {sip})" : "")
                     + (to.EndDetail is { } d ? $" - {d}" : "");
        // A refined end (a SIP status arriving after the disconnect, a late voicemail report) is its own entry.
        var key = from.IsEnded ? $"ended:{to.EndReason!.Value.Kebab()}" : "ended";
        return Event(CallEventTypes.StatusChanged, key, detail, at);
    }

    private static CallEvent Event(string type, string key, string detail, DateTimeOffset at) =>
        new() { Type = type, Key = key, Detail = detail, At = at };

    private async Task<WriteResult<CallView>> PlaceEndedAsync(CallState call, string detail)
    {
        // A call that cannot be dialled still exists, ended, so the caller sees why: one write.
        state.State = call with
        {
            Progress = CallLifecycle.End(call.Progress, CallEndReason.Failed, call.Progress.QueuedAt, detail),
            Billing = new CallBilling { Settled = true },
        };
        await SaveAsync(durable: true, [Event(CallEventTypes.StatusChanged, "ended", $"not placed: {detail}", call.Progress.QueuedAt)]);
        logger.LogWarning("Call {CallId} of tenant {TenantId} not placed: {Detail}", Key.Call, Key.Tenant, detail);
        return WriteResult<CallView>.Created(View());
    }

    private void StartWatchdogTimer()
    {
        var period = Progress.Status == CallStatus.Answered ? AnsweredPollPeriod : DialingPollPeriod;
        // KeepAlive: a live call can outlast the grain collection age, and its watchdog must not stop with an idle collection.
        _watchdog ??= this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions { DueTime = period, Period = period, KeepAlive = true });
    }

    private void StopWatchdog()
    {
        // A call record that lags keeps the timer going: its next tick retries the write.
        if (_projectionBehind) return;
        _watchdog?.Dispose();
        _watchdog = null;
    }

    private string RoomMetadata(PlaceCall request) =>
        JsonSerializer.Serialize(new
        {
            tenantId = Key.Tenant.Value,
            callId = Key.Call.Value,
            agentId = request.AgentId.Value,
            campaignId = request.CampaignId?.Value,
            leadId = request.LeadId?.Value,
        });

    private string DispatchMetadata(CompiledInstructions instructions, PlaceCall request, string workerCredential) =>
        JsonSerializer.Serialize(new
        {
            workerCredential,
            callId = Key.Call.Value,
            tenantId = Key.Tenant.Value,
            agentId = request.AgentId.Value,
            instructions = instructions.Instructions,
            greeting = instructions.Greeting,
            voicemailMessage = instructions.VoicemailMessage,
            variables = request.Variables,
            campaignId = request.CampaignId?.Value,
            leadId = request.LeadId?.Value,
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
            CampaignId = s.Request.CampaignId,
            LeadId = s.Request.LeadId,
            AnsweredBy = s.AnsweredBy,
            Outcome = s.Outcome,
            Usage = UsageTotals.Sum(s.UsageReports),
            TransferredTo = s.TransferTo,
            Recording = s.Recording,
        };
    }

    private CallRecord Record()
    {
        var s = state.State;
        var p = s.Progress;
        return new CallRecord
        {
            TenantId = Key.Tenant,
            CallId = Key.Call,
            Revision = s.Revision,
            AgentId = s.Request!.AgentId,
            BrandId = s.BrandId,
            CampaignId = s.Request.CampaignId,
            LeadId = s.Request.LeadId,
            To = s.Request.To,
            From = s.From,
            Status = p.Status,
            EndReason = p.EndReason,
            AnsweredBy = s.AnsweredBy,
            Disposition = s.Outcome?.Disposition,
            SipStatusCode = p.SipStatusCode,
            QueuedAt = p.QueuedAt,
            AnsweredAt = p.AnsweredAt,
            EndedAt = p.EndedAt,
            Settled = s.Billing.Settled,
            BilledSeconds = s.Billing.BilledSeconds,
            CostTotal = s.Billing.Cost?.Total,
            Currency = s.Quote?.Currency,
        };
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// Deletes the call's room once the call has ended, so the agent session and any recording end with it. Not found
    /// means already closed; any other failure is logged, and LiveKit's own empty-room timeout closes it later.
    /// </summary>
    private async Task CloseRoomAsync()
    {
        if (LiveKit is not { } liveKit) return;
        try
        {
            await IgnoreNotFoundAsync(() => liveKit.DeleteRoomAsync(state.State.RoomName));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} ended but its room {Room} could not be deleted", Key.Call, Key.Tenant, state.State.RoomName);
        }
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
        ICallReportsGrain Self,
        string RoomName,
        string RoomMetadata,
        string AgentName,
        string DispatchMetadata,
        LiveKitCreateSipParticipantRequest Sip);
}
