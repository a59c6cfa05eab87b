using Microsoft.Extensions.Logging;
using NodaTime;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Grains.Calls;
using VoicePlatform.Grains.Campaigns.Dialing;
using VoicePlatform.Grains.Common;
using VoicePlatform.Leads;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// The dialer. A campaign that is not final keeps a reminder (<see cref="PacerReminder"/>, every minute): it survives
/// deactivation and the loss of its silo, starts a scheduled campaign, resumes one paused for funds after a top-up,
/// and reconciles attempts whose end was not heard. While leads are callable a grain timer ticks at the dial rate:
/// each tick claims the due leads it may dial (one conditional write, <see cref="ILeadStore.ClaimDueAsync"/>) within
/// the campaign's pace, the tenant's and trunk's shares and what the wallet can pay, and orders their lead grains to
/// dial. When nothing is callable the timer waits for the next lead's lawful time (or, farther off, the reminder
/// does); a call's end frees its slot at once, as an event from its lead. No loop polls anything.
/// </summary>
public sealed partial class CampaignGrain
{
    public const string PacerReminder = "campaign-pacer";
    // A wake-up closer than this (host time) is the timer's; a farther one is the reminder's, so no timer runs outside
    // every window. Longer than the reminder period, so the last reminder before a wake-up always arms the timer for it
    // (a callback or a window opening is dialed on time, not at the reminder after it).
    private TimeSpan TimerHorizon => dialing.Value.ReminderPeriod + TimeSpan.FromSeconds(30);
    // Limits that lift without telling this campaign (another campaign's call ending) are asked again this soon (host time).
    private static readonly TimeSpan SharedLimitRetry = TimeSpan.FromMilliseconds(500);
    private const int MaxDialsPerTick = 50;
    // Ticks at least this far apart: at high rates a tick claims several leads in one statement instead of one each
    // (a transaction saved per dial); the pace over any second stays the configured one.
    private static readonly TimeSpan MinimumTickGap = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<LeadId, InFlight> _inFlight = [];
    private readonly Queue<DateTimeOffset> _recentDials = new();
    private DialPacer? _pacer;
    private DialingPreparation? _prepared;
    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDueAt;
    private NotDialing? _notDialing;
    private AbandonSteering? _abandon;
    private DateTimeOffset _lastTickAt = DateTimeOffset.MinValue;

    private sealed record InFlight(CallId Call, DateTimeOffset ClaimedAt);

    /// <summary>What a tick needs that changes rarely: re-read every reminder period and after an edit.</summary>
    private sealed record DialingPreparation(NotDialing? Blocked, CallerIdPicker Picker, TrunkLimits? Trunk, long BlockAmount);

    private ITenantDialingGrain TenantDialing => GrainFactory.GetGrain<ITenantDialingGrain>(Key.Tenant.Value);

    // Whether this activation counts in the silo's running-campaigns gauge.
    private bool _heldRunning;

    private void HoldRunning(bool running)
    {
        if (running == _heldRunning) return;
        _heldRunning = running;
        if (running) CampaignMetrics.RunningHeld();
        else CampaignMetrics.RunningReleased();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        HoldRunning(false);
        // A silo leaving gracefully hands its campaigns over: the pacer reminder, due at once, wakes each on a silo that
        // stays, which reads its attempts in flight from the lead table and dials on.
        if (Exists && !Phase.IsFinal && state.State.Status != CampaignStatus.Draft && GracefulHandover.Applies(reason, membership, GrainContext.Address.SiloAddress!))
        {
            try
            {
                await this.RegisterOrUpdateReminder(PacerReminder, GracefulHandover.Due, dialing.Value.ReminderPeriod);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Campaign {CampaignId} could not hasten its reminder for the handover; it wakes at its next period", Key.Campaign);
            }
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A previous activation may have written a transition and died before its event reached the outbox.
        await RecordPendingEventsAsync();
        HoldRunning(Exists && state.State.Status == CampaignStatus.Running);
        if (!Exists || state.State.Status == CampaignStatus.Draft) return;
        // The attempts in flight are the leads the table holds as Dialing: nothing in grain state, nothing lost in a crash.
        string? after = null;
        do
        {
            var page = await leads.ListAsync(Key.Tenant, Key.Campaign, LeadStatus.Dialing, after, 500, cancellationToken);
            // Marked as claimed long ago: a new activation is when an end may have gone unheard (a silo died), so the
            // first reminder looks each of them up rather than waiting out the reconcile delay.
            foreach (var lead in page.Items) _inFlight[lead.LeadId] = new InFlight(lead.CurrentCallId, DateTimeOffset.MinValue);
            after = page.Next;
        } while (after is not null);
        if (state.State.Status is CampaignStatus.Running or CampaignStatus.Paused) await SeedAbandonSteeringAsync(cancellationToken);
        if (state.State.Status == CampaignStatus.Running) ArmTimer(TimeSpan.Zero);
    }

    /// <summary>The recent abandon window is the lead table's, so a new activation steers as the last one did.</summary>
    private async Task SeedAbandonSteeringAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - AbandonSteering.Window;
        if (state.State.AbandonWindowFrom is { } from && from > since) since = from;
        Abandon.Seed(await leads.RecentAnswersAsync(Key.Tenant, Key.Campaign, since, AbandonSteering.MaxRemembered, cancellationToken));
    }

    public async Task<WriteResult<LeadRecord>> GetLeadAsync(LeadId lead) =>
        Exists && await leads.GetAsync(Key.Tenant, Key.Campaign, lead) is { } found
            ? WriteResult<LeadRecord>.Ok(found)
            : WriteResult<LeadRecord>.NotFound();

    public async Task<WriteResult<CampaignFunnel>> GetFunnelAsync() =>
        Exists ? WriteResult<CampaignFunnel>.Ok(await leads.FunnelAsync(Key.Tenant, Key.Campaign)) : WriteResult<CampaignFunnel>.NotFound();

    public async Task<WriteResult<Page<CallRecord>>> ListCallsAsync(CallListQuery query) =>
        Exists
            ? WriteResult<Page<CallRecord>>.Ok(await GrainFactory.GetCallLog(Key.Tenant).ListAsync(query with { CampaignId = Key.Campaign }))
            : WriteResult<Page<CallRecord>>.NotFound();

    public async Task<CampaignView?> DescribeAsync()
    {
        if (!Exists) return null;
        var now = clock.GetUtcNow();
        var byStatus = leads.CountAsync(Key.Tenant, Key.Campaign);
        var attempts = leads.AttemptFiguresAsync(Key.Tenant, Key.Campaign, now.AddDays(-30));
        var (byOutcome, answered, abandoned) = await attempts;
        var leadsByStatus = await byStatus;
        var waiting = leadsByStatus.Where(s => s.Key is LeadStatus.Pending or LeadStatus.Scheduled or LeadStatus.RetryScheduled).Sum(s => s.Value);
        return View() with
        {
            Progress = new CampaignProgress
            {
                LeadsByStatus = leadsByStatus,
                AttemptsByOutcome = byOutcome,
                LiveCalls = _inFlight.Count,
                DialsLastMinute = _recentDials.Count(d => now - d < TimeSpan.FromMinutes(1)),
                NotDialing = WhyNotDialing(),
                StartedAt = state.State.StartedAt,
                FinishedAt = state.State.FinishedAt,
                CurrentDialsPerMinute = SteeredDialsPerMinute(now),
                AnsweredLast30Days = answered,
                AbandonRatePercent30Days = answered == 0 ? 0 : Math.Round(100.0 * abandoned / answered, 2),
                RecentAbandonRatePercent = Abandon.RecentRatePercent(now) is { } recent ? Math.Round(recent, 2) : null,
                EstimatedCompletionAt = state.State.Status == CampaignStatus.Running
                    ? CompletionEstimate.At(now, waiting, SteeredDialsPerMinute(now), state.State.Settings!.Windows, CallingZones())
                    : null,
            },
        };
    }

    public async Task<WriteResult<CampaignView>> StartAsync()
    {
        if (!Exists) return WriteResult<CampaignView>.NotFound();
        var transition = CampaignLifecycle.Start(Phase, clock.GetUtcNow(), state.State.Settings!.StartsAt);
        if (transition.IsRefused) return WriteResult<CampaignView>.Conflict(transition.Refusal!, []);
        if (transition.Phase == Phase) return WriteResult<CampaignView>.Ok(View());
        if ((await leads.CountAsync(Key.Tenant, Key.Campaign)).Count == 0)
            return WriteResult<CampaignView>.Conflict("The campaign has no leads: import some first.", []);
        await MoveAsync(transition.Phase, null);
        return WriteResult<CampaignView>.Ok(View());
    }

    public Task<WriteResult<CampaignView>> PauseAsync() =>
        CommandAsync(CampaignLifecycle.Pause(Phase, PauseReason.Requested), "Paused by a person.");

    public Task<WriteResult<CampaignView>> ResumeAsync()
    {
        // A person resuming after an abandon-rate pause has seen why: the window starts afresh (stored with the resume).
        if (state.State.PausedFor == PauseReason.AbandonRate && state.State.Status == CampaignStatus.Paused)
        {
            _abandon?.Reset();
            state.State = state.State with { AbandonWindowFrom = clock.GetUtcNow() };
        }
        return CommandAsync(CampaignLifecycle.Resume(Phase, clock.GetUtcNow(), state.State.Settings?.StartsAt), null);
    }

    public async Task<WriteResult<CampaignView>> CancelAsync(bool hangUpLiveCalls)
    {
        var result = await CommandAsync(CampaignLifecycle.Cancel(Phase), "Cancelled by a person.");
        if (result.Outcome != WriteOutcome.Ok || !hangUpLiveCalls) return result;
        // The calls end through their own grains; each end reaches its lead, and its lead tells this campaign.
        await Task.WhenAll(_inFlight.Values.Select(f => GrainFactory.GetCall(Key.Tenant, f.Call).HangUpAsync()));
        logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} hung up {Count} live calls on cancel", Key.Campaign, Key.Tenant, _inFlight.Count);
        return result;
    }

    public async Task OnAttemptEndedAsync(AttemptEnded ended)
    {
        if (_inFlight.TryGetValue(ended.LeadId, out var flight) && flight.Call == ended.CallId)
        {
            _inFlight.Remove(ended.LeadId);
            TenantDialing.ReportLiveAsync(Key.Campaign, _inFlight.Count, _prepared?.Trunk?.Trunk).Ignore();
        }
        if (ended.InsufficientFunds) await PauseForFundsAsync("A call could not reserve its first block.");
        if (ended.Answered && !ended.Amended) await SteerOnAbandonedAsync(ended.Abandoned);
        // The slot is free now, not at the next tick (but slots freed together share one tick).
        if (state.State.Status == CampaignStatus.Running) ArmTimerAt(EarliestTick());
        PublishProgressSoon();
    }

    /// <summary>The recent window of answered calls, for the campaign's abandon limit.</summary>
    private AbandonSteering Abandon => _abandon ??= new AbandonSteering(state.State.Settings!.AbandonRateLimitPercent);

    private int SteeredDialsPerMinute(DateTimeOffset now) => Abandon.DialsPerMinute(state.State.Settings!.Pacing.MaxDialsPerMinute, now);

    /// <summary>Past the abandon limit the pace falls (the pacer is rebuilt at the new rate); far past it the campaign pauses itself.</summary>
    private async Task SteerOnAbandonedAsync(bool abandoned)
    {
        var now = clock.GetUtcNow();
        Abandon.Observe(now, abandoned);
        if (state.State.Status == CampaignStatus.Running && Abandon.ShouldPause(now))
        {
            await PauseItselfAsync(PauseReason.AbandonRate,
                $"{Abandon.RecentRatePercent(now):0.#} % of recently answered calls were abandoned (the agent was not in the room within {Calls.CallLifecycle.AbandonAfter.TotalSeconds:0} s), over the limit of {Abandon.LimitPercent:0.#} % even at a lower pace.");
            return;
        }
        var steered = SteeredDialsPerMinute(now);
        if (_pacer is { } pacer && pacer.MaxPerMinute != steered)
        {
            logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} steers to {DialsPerMinute} dials per minute (abandoned calls)", Key.Campaign, Key.Tenant, steered);
            _pacer = null;
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PacerReminder) return;
        if (!Exists || Phase.IsFinal)
        {
            await StopReminderAsync();
            return;
        }
        var now = clock.GetUtcNow();
        var settings = state.State.Settings!;
        if (settings.EndsAt is { } end && end <= now)
        {
            await MoveAsync(new CampaignPhase(CampaignStatus.Completed), $"Its end time ({end:u}) has passed.");
            return;
        }
        _tenantRules = null;
        switch (state.State.Status)
        {
            case CampaignStatus.Scheduled:
                await OnScheduledTimeAsync(now);
                break;
            case CampaignStatus.Paused when state.State.PausedFor == PauseReason.InsufficientFunds && settings.AutoResume:
                ForgetDialingPreparation();
                if (await PrepareAsync() is { Blocked: null } prepared && await AffordableDialsAsync(prepared) > 0)
                    await MoveAsync(CampaignLifecycle.AutoResume(Phase, PauseReason.InsufficientFunds, settings.AutoResume).Phase, "Resumed by itself: the wallet can pay again.");
                break;
            case CampaignStatus.Running:
                ForgetDialingPreparation();
                ArmTimer(TimeSpan.Zero);
                break;
        }
        await ReconcileStaleAttemptsAsync(now);
    }

    /// <summary>Attempts whose end was not heard (a lost message, a crashed silo) are looked up through their lead.</summary>
    private async Task ReconcileStaleAttemptsAsync(DateTimeOffset now)
    {
        var stale = _inFlight.Where(f => now - f.Value.ClaimedAt > dialing.Value.ReconcileAfter).Select(f => f.Key).ToList();
        if (stale.Count == 0) return;
        var settings = await CallingSettingsAsync();
        var statuses = await Task.WhenAll(stale.Select(async lead =>
            (lead, status: await GrainFactory.GetLead(Key.Tenant, Key.Campaign, lead).ReconcileAsync(settings))));
        foreach (var (lead, status) in statuses)
        {
            if (status != LeadStatus.Dialing) _inFlight.Remove(lead);
        }
    }

    private async Task OnScheduledTimeAsync(DateTimeOffset now)
    {
        var startsAt = state.State.Settings!.StartsAt;
        if (startsAt is null || startsAt <= now) await MoveAsync(CampaignLifecycle.StartTimeReached(Phase).Phase, null);
        else if (clock.HostDelay(startsAt.Value - now) <= TimerHorizon) ArmTimerAt(startsAt.Value);
    }

    private async Task<WriteResult<CampaignView>> CommandAsync(Transition transition, string? detail)
    {
        if (!Exists) return WriteResult<CampaignView>.NotFound();
        if (transition.IsRefused) return WriteResult<CampaignView>.Conflict(transition.Refusal!, []);
        if (transition.Phase != Phase) await MoveAsync(transition.Phase, detail);
        return WriteResult<CampaignView>.Ok(View());
    }

    private Task PauseForFundsAsync(string detail) => PauseItselfAsync(PauseReason.InsufficientFunds, detail);

    /// <summary>The campaign pauses itself (never over a person's pause, which outranks it); nothing when it already is.</summary>
    private async Task PauseItselfAsync(PauseReason reason, string detail)
    {
        var transition = CampaignLifecycle.Pause(Phase, reason);
        if (transition.IsRefused || transition.Phase == Phase) return;
        await MoveAsync(transition.Phase, detail);
        logger.LogWarning("Campaign {CampaignId} of tenant {TenantId} paused itself: {Detail}", Key.Campaign, Key.Tenant, detail);
    }

    /// <summary>One durable write per transition, then what the new phase needs: the reminder, the timer, the tenant's budget.</summary>
    private async Task MoveAsync(CampaignPhase phase, string? detail)
    {
        var now = clock.GetUtcNow();
        var previous = state.State;
        var next = previous with
        {
            Status = phase.Status,
            PausedFor = phase.PausedFor,
            StatusDetail = detail,
            StartedAt = previous.StartedAt ?? (phase.Status is CampaignStatus.Running or CampaignStatus.Scheduled ? now : null),
            FinishedAt = phase.IsFinal ? now : null,
            Revision = previous.Revision + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        // The transition's webhook event goes into the state it is written with, then into the outbox before this returns.
        if (CampaignWebhookEvents.For(Key.Tenant, previous.Status, next, ViewOf(next), next.UpdatedAt) is { } happened)
            next = next with { PendingEvents = [.. previous.PendingEvents, happened] };
        await state.WriteOrRevertAsync(next);
        CampaignMetrics.Moved(phase.Status, phase.PausedFor);
        HoldRunning(phase.Status == CampaignStatus.Running);
        await RecordPendingEventsAsync();
        await PublishAsync();
        PublishProgressNow();
        logger.LogInformation("Campaign {CampaignId} of tenant {TenantId} {From} -> {To} ({Detail})", Key.Campaign, Key.Tenant, previous.Status, phase.Status, detail);
        if (phase.IsFinal)
        {
            StopTimer();
            await StopReminderAsync();
            TenantDialing.ReportLiveAsync(Key.Campaign, _inFlight.Count, _prepared?.Trunk?.Trunk).Ignore();
            return;
        }
        await this.RegisterOrUpdateReminder(PacerReminder, dialing.Value.ReminderPeriod, dialing.Value.ReminderPeriod);
        switch (phase.Status)
        {
            case CampaignStatus.Running:
                ArmTimer(TimeSpan.Zero);
                break;
            case CampaignStatus.Scheduled:
                await OnScheduledTimeAsync(now);
                break;
            default:
                StopTimer();
                TenantDialing.ReportLiveAsync(Key.Campaign, _inFlight.Count, _prepared?.Trunk?.Trunk).Ignore();
                break;
        }
    }

    private async Task OnTimerAsync()
    {
        var planned = _timerDueAt;
        _timerDueAt = null;
        var now = clock.GetUtcNow();
        if (state.State.Status == CampaignStatus.Scheduled)
        {
            await OnScheduledTimeAsync(now);
            return;
        }
        if (state.State.Status != CampaignStatus.Running) return;
        await DialTickAsync(now, planned);
    }

    /// <summary>Now, or <see cref="MinimumTickGap"/> after the last tick when that is later.</summary>
    private DateTimeOffset EarliestTick()
    {
        var now = clock.GetUtcNow();
        var gapEnd = _lastTickAt == DateTimeOffset.MinValue ? now : _lastTickAt + MinimumTickGap * clock.Rate;
        return gapEnd > now ? gapEnd : now;
    }

    /// <summary>One tick: as many dials as every limit allows now, then the timer set for when the next one may go.</summary>
    private async Task DialTickAsync(DateTimeOffset now, DateTimeOffset? planned = null)
    {
        _lastTickAt = now;
        var settings = state.State.Settings!;
        if (settings.EndsAt is { } end && end <= now)
        {
            await MoveAsync(new CampaignPhase(CampaignStatus.Completed), $"Its end time ({end:u}) has passed.");
            return;
        }
        var prepared = await PrepareAsync();
        if (prepared.Blocked is { } blocked)
        {
            // Re-checked by the reminder each minute (an agent activated, a number added).
            _notDialing = blocked;
            return;
        }
        // Read before any lead is claimed: a claimed lead is dialed under the rules of this moment.
        var calling = await CallingSettingsAsync();
        var pacer = _pacer ??= new DialPacer(settings.Pacing.MaxConcurrentCalls, SteeredDialsPerMinute(now), TimeSpan.FromSeconds(1));
        var room = settings.Pacing.MaxConcurrentCalls - _inFlight.Count;
        if (room <= 0)
        {
            _notDialing = new NotDialing(NotDialingReason.CampaignConcurrencyLimit, null, $"{_inFlight.Count} calls live, the campaign's most; the next dial follows a call's end.");
            return;
        }
        var budget = pacer.Take(now, _inFlight.Count, Math.Min(room, MaxDialsPerTick));
        if (budget == 0)
        {
            var at = pacer.NextDialAt(now);
            NotDialingUntil(new NotDialing(NotDialingReason.DialRateLimit, at, pacer.MaxPerMinute < settings.Pacing.MaxDialsPerMinute
                ? $"{pacer.MaxPerMinute} dials per minute, slowed from {settings.Pacing.MaxDialsPerMinute} for abandoned calls."
                : $"{pacer.MaxPerMinute} dials per minute."), at);
            return;
        }

        var due = await leads.DueAsync(Key.Tenant, Key.Campaign, now, budget);
        if (due.Count == 0)
        {
            pacer.Return(budget);
            await NothingDueAsync(now);
            return;
        }
        var affordable = await AffordableDialsAsync(prepared);
        if (affordable == 0)
        {
            pacer.Return(budget);
            await PauseForFundsAsync($"The wallet cannot pay a call's first block ({prepared.BlockAmount} minor units).");
            return;
        }
        var wanted = (int)Math.Min(due.Count, affordable);
        var grant = await TenantDialing.RequestDialsAsync(new DialRequest(Key.Campaign, _inFlight.Count, wanted, prepared.Trunk));
        var claimed = grant.Granted > 0 ? await leads.ClaimDueAsync(Key.Tenant, Key.Campaign, now, grant.Granted) : [];
        pacer.Return(budget - claimed.Count);
        if (claimed.Count < grant.Granted) TenantDialing.ReportLiveAsync(Key.Campaign, _inFlight.Count + claimed.Count, prepared.Trunk?.Trunk).Ignore();
        if (claimed.Count == 0)
        {
            var retryAt = now + (grant.RetryAfter ?? SharedLimitRetry) * clock.Rate;
            NotDialingUntil(SharedLimit(grant.Limit, retryAt) ?? new NotDialing(NotDialingReason.NoLeadCallableNow, retryAt, "Another dialer claimed the due leads first."), retryAt);
            return;
        }

        // Dialing now; and when this tick filled a limit, the reason is known before the next tick.
        _notDialing = _inFlight.Count + claimed.Count >= settings.Pacing.MaxConcurrentCalls
            ? new NotDialing(NotDialingReason.CampaignConcurrencyLimit, null, $"{_inFlight.Count + claimed.Count} calls live, the campaign's most; the next dial follows a call's end.")
            : grant.Limit is DialLimit.TrunkCallsPerSecond ? null : SharedLimit(grant.Limit, null);
        if (planned is { } plannedAt) CampaignMetrics.Lagged(clock.HostDelay(now - plannedAt));
        foreach (var lead in claimed)
        {
            _inFlight[lead.LeadId] = new InFlight(lead.CurrentCallId, now);
            _recentDials.Enqueue(now);
        }
        while (_recentDials.Count > 0 && now - _recentDials.Peek() > TimeSpan.FromMinutes(1)) _recentDials.Dequeue();
        var results = await Task.WhenAll(claimed.Select(lead => DialAsync(lead, calling, prepared)));
        PublishProgressSoon();
        foreach (var (lead, result) in claimed.Zip(results))
        {
            CampaignMetrics.Dialed(result.Verdict);
            if (result.Verdict == LeadDialVerdict.Stale) _inFlight.Remove(lead.LeadId);
            if (result.Verdict == LeadDialVerdict.Refused) ForgetDialingPreparation();
        }
        if (results.Any(r => r.Verdict == LeadDialVerdict.InsufficientFunds))
        {
            await PauseForFundsAsync("A call could not reserve its first block.");
            return;
        }
        if (state.State.Status == CampaignStatus.Running)
        {
            var next = pacer.NextDialAt(clock.GetUtcNow());
            var earliest = EarliestTick();
            ArmTimerAt(next < earliest ? earliest : next);
        }
    }

    private async Task<LeadDialResult> DialAsync(LeadRecord lead, CampaignSettings settings, DialingPreparation prepared)
    {
        var from = prepared.Picker.Pick(settings.CallerIdRotation, lead.LeadId.Value, lead.Phone);
        try
        {
            return await GrainFactory.GetLead(Key.Tenant, Key.Campaign, lead.LeadId).DialAsync(new LeadDialOrder { Claimed = lead, Settings = settings, FromNumberId = from?.Id });
        }
        catch (Exception e)
        {
            // The claim stays (the lead is Dialing); the reconcile finds out whether anything rang before it is requeued.
            logger.LogWarning(e, "Campaign {CampaignId}: dial order for lead {LeadId} failed; the reconcile will settle it", Key.Campaign, lead.LeadId);
            return new LeadDialResult(LeadDialVerdict.Placed, lead.CurrentCallId, e.Message);
        }
    }

    /// <summary>What a limit of the tenant's shared budget says to a reader; null when nothing limited.</summary>
    private static NotDialing? SharedLimit(DialLimit limit, DateTimeOffset? retryAt) => limit switch
    {
        DialLimit.TenantConcurrency => new NotDialing(NotDialingReason.TenantConcurrencyLimit, null, "The tenant's concurrency cap is in use by its campaigns."),
        DialLimit.TrunkConcurrency => new NotDialing(NotDialingReason.TrunkConcurrencyLimit, null, "The trunk's channels are in use."),
        DialLimit.TrunkCallsPerSecond => new NotDialing(NotDialingReason.DialRateLimit, retryAt, "The trunk's calls per second."),
        _ => null,
    };

    /// <summary>No lead is due now: finished, waiting for live calls, or waiting for the next lead's lawful time.</summary>
    private async Task NothingDueAsync(DateTimeOffset now)
    {
        var next = await leads.NextCallableAtAsync(Key.Tenant, Key.Campaign);
        if (next is null)
        {
            if (_inFlight.Count == 0)
            {
                await MoveAsync(CampaignLifecycle.NoLeadLeft(Phase).Phase, "No lead can be dialed again.");
                return;
            }
            _notDialing = new NotDialing(NotDialingReason.WaitingForLiveCalls, null, $"Every lead is dialed or finished; {_inFlight.Count} calls are still live.");
            return;
        }
        var settings = state.State.Settings!;
        var reason = CampaignWindows.ClosedEverywhere(now, settings.Windows, CallingZones()) ? NotDialingReason.OutsideEveryWindow : NotDialingReason.NoLeadCallableNow;
        NotDialingUntil(new NotDialing(reason, next, $"The next lead may lawfully be called at {next:u} (its own local windows and calling rules)."), next.Value);
    }

    /// <summary>The zones its leads can be in; campaigns imported before the zones were kept fall back to their default zone.</summary>
    private IReadOnlyList<string> CallingZones() =>
        state.State.LeadZoneIds.Count > 0 ? state.State.LeadZoneIds : state.State.Settings!.DefaultTimeZone is { } fallback ? [fallback] : [];

    /// <summary>How many first blocks the wallet can pay for now (unbounded when calls are free).</summary>
    private async Task<long> AffordableDialsAsync(DialingPreparation prepared)
    {
        if (prepared.BlockAmount <= 0) return long.MaxValue;
        var wallet = await GrainFactory.GetWallet(Key.Tenant).GetAsync();
        return Math.Max(0, wallet.Available / prepared.BlockAmount);
    }

    private async Task<DialingPreparation> PrepareAsync()
    {
        if (_prepared is { } known) return known;
        var settings = state.State.Settings!;
        var none = new CallerIdPicker([]);
        var agent = await GrainFactory.GetAgent(Key.Tenant, settings.AgentId).GetAsync();
        if (agent is null || agent.Settings.Status != AgentStatus.Active)
            return Blocked(NotDialingReason.AgentNotActive, agent is null ? "The campaign's agent was deleted." : $"The agent is {agent.Settings.Status.Kebab()}; activate it to dial.");
        var quote = await GrainFactory.GetTenantPricing(Key.Tenant).TryQuoteAsync(AgentPricingProfile.Of(agent.Settings));
        if (quote.Value is not { } price) return Blocked(NotDialingReason.PricingUnavailable, quote.Detail ?? "The agent's calls cannot be priced.");

        SipTrunkId? trunk = settings.TrunkId;
        CallerIdPicker picker;
        if (settings.CallerIdNumberIds.Count > 0)
        {
            var numbers = await Task.WhenAll(settings.CallerIdNumberIds.Select(id => GrainFactory.GetPhoneNumber(Key.Tenant, id).GetAsync()));
            // A number moved to another trunk since the campaign was written is not used: the campaign is paced for its trunk.
            var usable = numbers.Where(n => n is { Status: PhoneNumberStatus.Active } && (settings.TrunkId is null || n.TrunkId == settings.TrunkId))
                .Select(n => new CallerIdChoice(n!.Id, n.Number, n.RegionCode, n.TrunkId)).ToList();
            if (usable.Count == 0)
                return Blocked(NotDialingReason.CallerIdPoolEmpty, settings.TrunkId is { } only
                    ? $"None of the campaign's {numbers.Length} caller-id numbers is active on its trunk '{only}'."
                    : $"None of the campaign's {numbers.Length} caller-id numbers is active.");
            picker = new CallerIdPicker(usable);
            trunk ??= usable.Select(n => n.Trunk).FirstOrDefault(t => t is not null);
        }
        else
        {
            var resolved = await GrainFactory.GetTelephonyDirectory(Key.Tenant).ResolveCallerIdAsync(null, state.State.BrandId, settings.AgentId);
            if (resolved.Outcome != CallerIdOutcome.Resolved) return Blocked(NotDialingReason.CallerIdPoolEmpty, resolved.Reason ?? "No number of this tenant may present the agent's calls.");
            if (settings.TrunkId is { } only && resolved.TrunkId != only)
                return Blocked(NotDialingReason.CallerIdPoolEmpty, $"The agent's number {resolved.Number} is on the SIP trunk '{resolved.TrunkId}', not the campaign's trunk '{only}': give the campaign caller-id numbers on its trunk.");
            picker = none;
            trunk ??= resolved.TrunkId;
        }
        TrunkLimits? limits = null;
        if (trunk is { } trunkId && await GrainFactory.GetSipTrunk(Key.Tenant, trunkId).GetAsync() is { } view)
            limits = new TrunkLimits(trunkId, view.MaxConcurrentCalls, view.CallsPerSecond);
        return _prepared = new DialingPreparation(null, picker, limits, CallMetering.BlockAmount(price.EstimatedPerMinute, metering.Value.BlockDuration));

        DialingPreparation Blocked(NotDialingReason reason, string detail) =>
            _prepared = new DialingPreparation(new NotDialing(reason, null, detail), none, null, 0);
    }

    private void ForgetDialingPreparation()
    {
        _prepared = null;
        _pacer = null;
        // A changed limit (an edit) starts a fresh window.
        if (_abandon is { } steering && steering.LimitPercent != state.State.Settings?.AbandonRateLimitPercent)
        {
            _abandon = new AbandonSteering(state.State.Settings!.AbandonRateLimitPercent);
        }
    }

    private NotDialing? WhyNotDialing() => state.State.Status switch
    {
        CampaignStatus.Running => _notDialing,
        CampaignStatus.Paused when state.State.PausedFor == PauseReason.AbandonRate =>
            new NotDialing(NotDialingReason.AbandonRate, null, state.State.StatusDetail ?? "Paused itself: too many answered calls were abandoned."),
        CampaignStatus.Paused when state.State.PausedFor == PauseReason.InsufficientFunds =>
            new NotDialing(NotDialingReason.InsufficientFunds, null, state.State.StatusDetail ?? "Paused itself: the wallet cannot pay a call's first block."),
        CampaignStatus.Scheduled => new NotDialing(NotDialingReason.NotRunning, state.State.Settings!.StartsAt, "Scheduled: it starts at its start time."),
        CampaignStatus.Completed when state.State.Settings!.EndsAt is { } end && state.State.FinishedAt >= end =>
            new NotDialing(NotDialingReason.PastEndTime, null, state.State.StatusDetail ?? "Its end time has passed."),
        var other => new NotDialing(NotDialingReason.NotRunning, null, state.State.StatusDetail ?? $"The campaign is {other.Kebab()}."),
    };

    private void NotDialingUntil(NotDialing why, DateTimeOffset at)
    {
        _notDialing = why;
        if (clock.HostDelay(at - clock.GetUtcNow()) <= TimerHorizon) ArmTimerAt(at);
    }

    private void ArmTimerAt(DateTimeOffset at) => ArmTimer(at - clock.GetUtcNow());

    /// <summary>The one timer, due after <paramref name="due"/> unless it is already due sooner.</summary>
    private void ArmTimer(TimeSpan due)
    {
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        var at = clock.GetUtcNow() + due;
        if (_timerDueAt is { } armed && armed <= at) return;
        _timerDueAt = at;
        var hostDue = clock.HostDelay(due);
        if (_timer is null)
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions { DueTime = hostDue, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
        else
            _timer.Change(hostDue, Timeout.InfiniteTimeSpan);
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
        _timerDueAt = null;
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(PacerReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }
}
