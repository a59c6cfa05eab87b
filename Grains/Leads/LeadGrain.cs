using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using NodaTime;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Leads.NumberCaps;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// One lead while it is dialed: the single flight of its attempt and what the attempt comes to. Its state is its row in
/// the lead table (no grain state): the campaign's claim made the row Dialing at a new revision, that revision names
/// the call (<see cref="LeadRecord.CallIdFor"/>), so a repeated order, a duplicate activation or a restart can only
/// ever reach the same call grain, which dials at most once. The end of the call is applied once, by the row's
/// revision; the decision itself is <see cref="LeadProgression"/>.
/// </summary>
[GrainType("lead")]
public sealed class LeadGrain(
    ILeadStore leads,
    CallingClock clock,
    ILogger<LeadGrain> logger,
    LiveKitClient? liveKit = null) : Grain, ILeadGrain
{
    private (TenantId Tenant, CampaignId Campaign, LeadId Lead)? _key;
    private LeadRecord? _row;
    private CampaignSettings? _settings;

    private (TenantId Tenant, CampaignId Campaign, LeadId Lead) Key => _key ??= LeadKey.Parse(this.GetPrimaryKeyString());

    private ICampaignGrain Campaign => GrainFactory.GetCampaign(Key.Tenant, Key.Campaign);

    public async Task<LeadDialResult> DialAsync(LeadDialOrder order)
    {
        var claimed = order.Claimed;
        _settings = order.Settings;
        var row = await leads.GetAsync(Key.Tenant, Key.Campaign, Key.Lead);
        // Only the claim the row holds now may dial: an older order (a retried tick, a claim since requeued) does nothing.
        if (row is null || row.Status != LeadStatus.Dialing || row.Revision != claimed.Revision)
            return new LeadDialResult(LeadDialVerdict.Stale, null, "The lead is no longer claimed by this order.");
        _row = row;

        // The do-not-call list again at dial time: a number listed after import is never rung.
        if ((await GrainFactory.GetDoNotCallList(Key.Tenant).ListedAmongAsync([row.Phone])).Count > 0)
        {
            await WriteAsync(LeadProgression.ListedDoNotCall(row, clock.GetUtcNow()));
            await TellCampaignAsync(row.CurrentCallId, insufficientFunds: false, answered: false, outcome: null);
            return new LeadDialResult(LeadDialVerdict.DoNotCall, null, "The number is on the tenant's do-not-call list.");
        }

        // The windows and rules again at dial time: the tenant may have added a rule since the lead was queued.
        if (PhoneNumberParser.TryParse(row.Phone, out var number, out _)
            && !LeadAdmission.IsLawfulNow(row, number, CallingPolicy.Of(order.Settings), clock.GetUtcNow()))
        {
            var later = LeadProgression.OutsideCallingTime(row, order.Settings, clock.GetUtcNow());
            await WriteAsync(later);
            await TellCampaignAsync(row.CurrentCallId, insufficientFunds: false, answered: false, outcome: null);
            logger.LogInformation("Lead {LeadId} of campaign {CampaignId} not dialed: outside its calling time as the rules now stand; next at {NextCallableAt}",
                Key.Lead, Key.Campaign, later.NextCallableAt);
            return new LeadDialResult(LeadDialVerdict.Deferred, null, later.StatusReason);
        }

        if (await CappedUntilAsync(row, order.Settings) is { } deferral)
        {
            await WriteAsync(deferral);
            await TellCampaignAsync(row.CurrentCallId, insufficientFunds: false, answered: false, outcome: null);
            return new LeadDialResult(LeadDialVerdict.Deferred, null, deferral.StatusReason);
        }

        var callId = row.CurrentCallId;
        var placed = await GrainFactory.GetCall(Key.Tenant, callId).PlaceAsync(new PlaceCall
        {
            AgentId = order.Settings.AgentId,
            To = row.Phone,
            FromNumberId = order.FromNumberId,
            Variables = LeadVariables.Of(row),
            CampaignId = Key.Campaign,
            LeadId = Key.Lead,
        });
        switch (placed.Outcome)
        {
            case WriteOutcome.InvalidReference:
                // Nothing was created, so nothing will report: the lead waits again, the attempt not counted.
                var detail = $"{placed.Field}: {placed.Detail}";
                await WriteAsync(LeadProgression.Requeue(row, order.Settings, clock.GetUtcNow(), $"The call was refused before it rang ({detail})."));
                await TellCampaignAsync(callId, insufficientFunds: false, answered: false, outcome: null);
                logger.LogWarning("Lead {LeadId} of campaign {CampaignId} not dialed: {Detail}", Key.Lead, Key.Campaign, detail);
                return new LeadDialResult(LeadDialVerdict.Refused, null, detail);
            case WriteOutcome.Ok or WriteOutcome.Created when placed.Value is { Status: CallStatus.Ended, EndReason: CallEndReason.InsufficientFunds, DialingAt: null }:
                // The call reports its end to this grain, which requeues the lead then; the campaign pauses at once.
                return new LeadDialResult(LeadDialVerdict.InsufficientFunds, callId, placed.Value.EndDetail);
            default:
                return new LeadDialResult(LeadDialVerdict.Placed, callId, null);
        }
    }

    public async Task OnCallEndedAsync(LeadCallEnded ended)
    {
        if (ended.Direction == CallDirection.Inbound)
        {
            await OnReturnedCallAsync(ended);
            return;
        }
        var row = _row is { } cached && (cached.CurrentCallId == ended.CallId || cached.AttemptLog.LastOrDefault()?.CallId == ended.CallId)
            ? cached
            : await leads.GetAsync(Key.Tenant, Key.Campaign, Key.Lead);
        if (row is null) return;
        var now = clock.GetUtcNow();
        if (row.Status == LeadStatus.Dialing && row.CurrentCallId == ended.CallId)
        {
            if (await SettingsAsync() is not { } settings) return;
            var next = LeadProgression.AfterCall(row, ended, settings, now);
            if (!await WriteAsync(next)) return;
            logger.LogInformation("Lead {LeadId} of campaign {CampaignId}: call {CallId} ended {EndReason}, lead {Status}",
                Key.Lead, Key.Campaign, ended.CallId, ended.EndReason, next.Status);
            await TellCampaignAsync(ended.CallId, ended.DialedAt is null && ended.EndReason == CallEndReason.InsufficientFunds,
                ended.AnsweredAt is not null, next.AttemptLog.LastOrDefault(a => a.CallId == ended.CallId)?.Outcome, next.Status, abandoned: ended.Abandoned);
            return;
        }
        // A report about the last attempt after it was decided: the agent's outcome came after the hang-up.
        if (await SettingsAsync() is not { } current || LeadProgression.Amend(row, ended, current, now) is not { } amended) return;
        if (!await WriteAsync(amended)) return;
        logger.LogInformation("Lead {LeadId} of campaign {CampaignId}: late outcome of call {CallId}, lead {Status}", Key.Lead, Key.Campaign, ended.CallId, amended.Status);
        if (amended.Status != row.Status)
            await TellCampaignAsync(ended.CallId, false, ended.AnsweredAt is not null, amended.AttemptLog[^1].Outcome, amended.Status, amended: true);
    }

    /// <summary>The lead called one of the tenant's numbers: recorded, and decided by it when it was waiting (<see cref="LeadProgression.AfterReturnedCall"/>).</summary>
    private async Task OnReturnedCallAsync(LeadCallEnded ended)
    {
        var row = await leads.GetAsync(Key.Tenant, Key.Campaign, Key.Lead);
        _row = row;
        if (row is null || await SettingsAsync() is not { } settings) return;
        if (LeadProgression.AfterReturnedCall(row, ended, settings, clock.GetUtcNow()) is not { } next || !await WriteAsync(next)) return;
        logger.LogInformation("Lead {LeadId} of campaign {CampaignId}: returned call {CallId} ended {EndReason}, lead {Status}",
            Key.Lead, Key.Campaign, ended.CallId, ended.EndReason, next.Status);
        // Amended: the campaign placed no call for it, so no slot is freed and no abandon figure moves; its counters
        // and completion are read again.
        await TellCampaignAsync(ended.CallId, false, answered: true, next.AttemptLog.LastOrDefault(a => a.CallId == ended.CallId)?.Outcome, next.Status, amended: true);
    }

    public async Task<LeadStatus?> ReconcileAsync(CampaignSettings settings)
    {
        _settings = settings;
        var row = await leads.GetAsync(Key.Tenant, Key.Campaign, Key.Lead);
        _row = row;
        if (row is null) return null;
        if (row.Status != LeadStatus.Dialing) return row.Status;
        var callId = row.CurrentCallId;
        var call = await GrainFactory.GetCall(Key.Tenant, callId).GetAsync();
        if (call is not null)
        {
            // A live call reports its own end; an ended one whose report was lost is applied now.
            if (CallEndings.Of(call) is { } ended) await OnCallEndedAsync(ended);
            return _row?.Status ?? row.Status;
        }
        // No call grain holds this claim. LiveKit's CreateSIPParticipant has no idempotency: before the lead goes back in
        // the queue, its room must show nobody was rung under this claim.
        if (await CalleeMayBeInRoomAsync(CallRoomName.Format(Key.Tenant, callId))) return row.Status;
        await WriteAsync(LeadProgression.Requeue(row, settings, clock.GetUtcNow(), "The dial was interrupted before it rang; the attempt is not counted."));
        await TellCampaignAsync(callId, false, false, null);
        logger.LogInformation("Lead {LeadId} of campaign {CampaignId}: claim {CallId} found no call, requeued", Key.Lead, Key.Campaign, callId);
        return _row?.Status;
    }

    /// <summary>
    /// The lead deferred when one more dial now would break a frequency cap that counts the number's attempts across
    /// all of the tenant's campaigns; null when it may be dialed. Checked after the claim is written, so of two
    /// campaigns dialing one number at once the later check always sees the other's claim.
    /// </summary>
    private async Task<LeadRecord?> CappedUntilAsync(LeadRecord row, CampaignSettings settings)
    {
        if (!PhoneNumberParser.TryParse(row.Phone, out var number, out _)) return null;
        var caps = AttemptCap.From(LeadAdmission.RulesFor(number, CallingPolicy.Of(settings)));
        if (caps.Count == 0) return null;
        var now = row.LastDialedAt ?? clock.GetUtcNow();
        // One gate per number: checks of two campaigns' claims on it run one after the other.
        var verdict = await GrainFactory.GetNumberCapGate(Key.Tenant, row.Phone)
            .CheckAsync(new NumberCapCheck(Key.Campaign, Key.Lead, now, [.. caps.Select(c => new NumberCapLimit(c.MaxAttempts, c.Per.ToTimeSpan()))]));
        if (verdict.AllowedAt is not { } allowedAt) return null;
        logger.LogInformation("Lead {LeadId} of campaign {CampaignId} deferred: its number's cap allows the next dial at {AllowedAt}", Key.Lead, Key.Campaign, allowedAt);
        return LeadProgression.Defer(row, settings, now, verdict.Dials,
            $"The number was dialed {verdict.Dials.Count} times in the cap's window across the tenant's campaigns; the next dial waits until {allowedAt:u}.");
    }

    private async Task<bool> CalleeMayBeInRoomAsync(string room)
    {
        if (liveKit is null) return false;
        try
        {
            var participants = await liveKit.ListParticipantsAsync(room);
            return participants.Any(p => p.Identity == Calls.CallLifecycle.CalleeIdentity);
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
            return false;
        }
        catch (Exception e)
        {
            // Not knowing is not "nobody": the lead stays claimed and the next reconcile asks again.
            logger.LogWarning(e, "Lead {LeadId}: could not list room {Room}", Key.Lead, room);
            return true;
        }
    }

    private async Task<CampaignSettings?> SettingsAsync() => _settings ??= await Campaign.GetSettingsAsync();

    private async Task<bool> WriteAsync(LeadRecord next)
    {
        var events = LeadWebhookEvents.Between(_row, next);
        if (!await leads.UpdateAsync(next, events))
        {
            // The table holds a newer picture (another claim, or a repeat already applied): re-read, change nothing.
            _row = await leads.GetAsync(Key.Tenant, Key.Campaign, Key.Lead);
            return false;
        }
        _row = next;
        if (events.Count > 0) await GrainFactory.GetTenantWebhooks(Key.Tenant).WakeAsync();
        return true;
    }

    private Task TellCampaignAsync(CallId callId, bool insufficientFunds, bool answered, string? outcome, LeadStatus? status = null, bool amended = false, bool abandoned = false) =>
        Campaign.OnAttemptEndedAsync(new AttemptEnded
        {
            LeadId = Key.Lead,
            CallId = callId,
            LeadStatus = status ?? _row!.Status,
            Outcome = outcome,
            InsufficientFunds = insufficientFunds,
            Answered = answered,
            Amended = amended,
            Abandoned = abandoned,
        });
}
