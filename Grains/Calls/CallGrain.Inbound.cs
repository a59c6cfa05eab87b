using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Inbound;
using VoicePlatform.Grains.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// An inbound call: created by the first report of it (the caller's webhook or the agent worker's claim), routed once by
/// <see cref="InboundRouter"/>, then the same lifecycle as an outbound call — ringing while the caller's participant
/// rings, answered when it becomes active (the worker's answered-by report or the watchdog's look), billed from the answer
/// at the inbound rate. A call that only hears a message is never billed and is hung up at
/// <see cref="CallMeteringOptions.MessageCallLimit"/>.
/// </summary>
public sealed partial class CallGrain
{
    // This activation's plaintext worker credential and instructions, so a repeated claim gets the same answer; a new
    // activation issues a new credential (one write) and compiles the instructions again.
    private string? _workerCredential;
    private CompiledInstructions? _inboundInstructions;
    private IGrainTimer? _messageCutoff;

    /// <summary>The tenant's line budget: inbound calls within their cap and reservation, campaigns in what is left.</summary>
    private VoicePlatform.Grains.Campaigns.Dialing.ITenantDialingGrain InboundLines =>
        GrainFactory.GetGrain<VoicePlatform.Grains.Campaigns.Dialing.ITenantDialingGrain>(Key.Tenant.Value);

    public async Task<InboundClaim> ArriveInboundAsync(InboundArrival arrival, bool byWorker)
    {
        if (!Exists) await CreateInboundAsync(arrival);
        if (state.State.Direction != CallDirection.Inbound) throw new InvalidOperationException($"Call {Key.Call} is not an inbound call.");
        if (!byWorker) return new InboundClaim { Mode = state.State.InboundMode ?? InboundClaimMode.Refuse, CallId = Key.Call };
        if (state.State.InboundMode is not { } mode || mode == InboundClaimMode.Refuse || Progress.IsEnded)
            return new InboundClaim { Mode = InboundClaimMode.Refuse, CallId = Key.Call };

        // The worker is in the room: the agent is there (kept in memory, written with the answer).
        await ApplyAsync(CallLifecycle.AgentJoined(Progress, Now()));
        if (_workerCredential is null)
        {
            var secret = RandomIds.Create(CallWorkerCredential.SecretLength);
            state.State = state.State with { WorkerSecretHash = Hash(secret) };
            await SaveAsync(durable: true, []);
            _workerCredential = CallWorkerCredential.Format(Key.Tenant, Key.Call, secret);
        }
        _inboundInstructions ??= (await GrainFactory.GetAgent(Key.Tenant, state.State.Request!.AgentId).GetForCallAsync(state.State.Request.Variables))?.Instructions;
        if (_inboundInstructions is null) return new InboundClaim { Mode = InboundClaimMode.Refuse, CallId = Key.Call };
        return new InboundClaim
        {
            Mode = mode,
            CallId = Key.Call,
            DispatchMetadata = CallDialer.DispatchMetadata(Key.Tenant, Key.Call, state.State.Request!, _inboundInstructions, _workerCredential),
            Message = state.State.InboundMessage,
        };
    }

    public async Task OnInboundCallerEventAsync(InboundArrival arrival, LiveKitCallEvent liveKitEvent)
    {
        if (!Exists) await CreateInboundAsync(arrival);
        await OnLiveKitEventAsync(liveKitEvent);
    }

    private async Task CreateInboundAsync(InboundArrival arrival)
    {
        var now = Now();
        var arrived = arrival.ArrivedAt is { } at && at < now ? StoredTime.TruncateToMicroseconds(at) : now;
        var caller = PhoneNumberParser.TryParse(arrival.CallerNumber, out var parsed, out _) ? parsed.Value : "anonymous";
        var number = await GrainFactory.GetPhoneNumber(Key.Tenant, arrival.NumberId).GetAsync();
        var decision = number switch
        {
            null => null,
            { Inbound: null } => null,
            { Status: not PhoneNumberStatus.Active } => new InboundDecision(InboundClaimMode.Refuse, number.Inbound.AgentId, null, "the number is not active"),
            _ => InboundRouter.Decide(number.Inbound, caller, now),
        };
        if (decision is { Mode: not InboundClaimMode.Refuse } && caller != "anonymous"
            && await GrainFactory.GetCallerBlocklist(Key.Tenant).FindAsync(caller) is not null)
            decision = decision with { Mode = InboundClaimMode.Refuse, Message = null, Reason = "the caller is on the tenant's blocklist" };
        if (number?.Inbound is null || decision is null)
        {
            // A room of the number's old rule after the number stopped taking calls: nothing to answer it with.
            logger.LogWarning("Inbound call {SipCallId} to number {NumberId} of tenant {TenantId} arrived but the number takes no inbound calls",
                arrival.SipCallId, arrival.NumberId, Key.Tenant);
            await TurnAwayAsync(arrival, caller, number?.Number ?? "", null, arrived, "the number takes no inbound calls");
            return;
        }

        // A caller who is a lead of one of the tenant's campaigns: its call is linked to the lead, whose variables the agent gets.
        var lead = caller == "anonymous" ? null : (await leadStore.FindByPhoneAsync(Key.Tenant, caller, 1)).FirstOrDefault();
        var variables = lead is null ? new Dictionary<string, string>() : VoicePlatform.Grains.Leads.LeadVariables.Of(lead);
        variables["caller_number"] = caller;
        variables["called_number"] = number.Number;
        var forCall = await GrainFactory.GetAgent(Key.Tenant, decision.AgentId).GetForCallAsync(variables);
        if (forCall is not { Agent: var agent, Instructions: var instructions } || agent.Settings.Status != AgentStatus.Active)
        {
            await TurnAwayAsync(arrival, caller, number.Number, decision.AgentId, arrived, $"the number's agent {decision.AgentId} is not active");
            return;
        }

        var call = NewInboundState(arrival, caller, number.Number, decision.AgentId, variables, arrived) with
        {
            Request = new PlaceCall { AgentId = decision.AgentId, To = number.Number, Variables = variables, CampaignId = lead?.CampaignId, LeadId = lead?.LeadId },
            BrandId = agent.Brand.Id,
            MaxCallDurationSeconds = agent.Settings.MaxCallDurationSeconds,
            InboundMode = decision.Mode,
            InboundMessage = decision.Message,
            MessageEndReason = decision.Mode == InboundClaimMode.Message ? CallEndReason.Completed : null,
        };
        if (decision.Mode == InboundClaimMode.Refuse)
        {
            await TurnAwayAsync(arrival, caller, number.Number, decision.AgentId, arrived, decision.Reason);
            return;
        }
        if (!await InboundLines.AdmitInboundAsync(Key.Call))
        {
            await TurnAwayAsync(arrival, caller, number.Number, decision.AgentId, arrived, "the tenant's inbound calls are at their concurrency limit");
            return;
        }

        PriceQuote? quote = null;
        var limit = (Seconds: 0, ByFunds: false);
        if (decision.Mode == InboundClaimMode.Converse)
        {
            var quoted = await Pricing.TryQuoteAsync(AgentPricingProfile.Of(agent.Settings) with { Direction = AgentDirection.Inbound });
            var funds = quoted.Value is { } q ? await ReserveInboundBlockAsync(q) : null;
            if (funds is { } available)
            {
                quote = quoted.Value;
                var metered = CallMetering.DurationLimit(agent.Settings.MaxCallDurationSeconds, quote!.EstimatedPerMinute, available);
                limit = (metered.Seconds, metered.ByFunds);
            }
            else
            {
                // No money (or no price): the caller hears a short message and the call ends, owing nothing.
                call = call with { InboundMode = InboundClaimMode.Message, InboundMessage = Metering.InboundNoFundsMessage, MessageEndReason = CallEndReason.InsufficientFunds };
                decision = decision with { Mode = InboundClaimMode.Message, Reason = quoted.Value is null ? $"the call cannot be priced: {quoted.Detail}" : "the wallet cannot pay for the call" };
            }
        }

        _inboundInstructions = instructions;
        var secret = RandomIds.Create(CallWorkerCredential.SecretLength);
        _workerCredential = CallWorkerCredential.Format(Key.Tenant, Key.Call, secret);
        state.State = call with
        {
            WorkerSecretHash = Hash(secret),
            Quote = quote,
            Billing = quote is null ? new CallBilling { Settled = true } : new CallBilling { LimitSeconds = limit.Seconds, LimitedByFunds = limit.ByFunds },
        };
        await SaveAsync(durable: true, [CallHistory.InboundArrived(caller, number.Number, decision.Reason, arrived)]);
        CallMetrics.Transition(CallLifecycle.Queued(arrived), Progress, null, CallDirection.Inbound);
        HoldLive(true);
        StartWatchdogTimer();
        if (decision.Mode == InboundClaimMode.Message) StartMessageCutoff(arrived);
        logger.LogInformation("Inbound call {CallId} of tenant {TenantId} from {From} to {To}: {Mode} with agent {AgentId} ({Reason})",
            Key.Call, Key.Tenant, caller, number.Number, decision.Mode, decision.AgentId, decision.Reason);
    }

    private CallState NewInboundState(InboundArrival arrival, string caller, string called, AgentId agentId, IReadOnlyDictionary<string, string> variables, DateTimeOffset arrived) => new()
    {
        Request = new PlaceCall { AgentId = agentId, To = called, Variables = variables },
        Direction = CallDirection.Inbound,
        SipCallId = arrival.SipCallId,
        From = caller,
        FromNumberId = arrival.NumberId,
        RoomName = arrival.RoomName,
        // LiveKit names the caller sip_{the From user as received}: the identity reported, else that.
        CalleeIdentity = arrival.CallerIdentity ?? "sip_" + (string.IsNullOrEmpty(arrival.CallerNumber) ? caller : arrival.CallerNumber),
        Progress = CallLifecycle.Ringing(CallLifecycle.Dialing(CallLifecycle.Queued(arrived), arrived), arrived),
        TraceParent = PlatformActivities.CurrentTraceParent(),
    };

    /// <summary>Refuses the call without answering it: recorded as rejected, nothing owed, and the caller hears 486 as the platform hangs up.</summary>
    private async Task TurnAwayAsync(InboundArrival arrival, string caller, string called, AgentId? agentId, DateTimeOffset arrived, string reason)
    {
        var call = NewInboundState(arrival, caller, called, agentId ?? default, new Dictionary<string, string>(), arrived);
        state.State = call with
        {
            InboundMode = InboundClaimMode.Refuse,
            Progress = CallLifecycle.End(call.Progress, CallEndReason.Rejected, Now(), reason),
            Billing = new CallBilling { Settled = true },
        };
        await SaveAsync(durable: true, [CallHistory.InboundArrived(caller, called, reason, arrived)]);
        CallMetrics.Transition(CallLifecycle.Queued(arrived), Progress, null, CallDirection.Inbound);
        logger.LogInformation("Inbound call {CallId} of tenant {TenantId} from {From} to {To} refused: {Reason}", Key.Call, Key.Tenant, caller, called, reason);
        if (LiveKitSide is { } liveKitSide)
        {
            try
            {
                await liveKitSide.HangUpAsync(state.State.RoomName, CalleeIdentity);
            }
            catch (Exception e)
            {
                // LiveKit's own ringing timeout turns the caller away if this fails: nobody will answer.
                logger.LogWarning(e, "Inbound call {CallId} of tenant {TenantId} was refused but its room could not be closed", Key.Call, Key.Tenant);
            }
        }
    }

    /// <summary>The first block of an inbound call; null (the wallet said no or could not be reached) means the no-funds message.</summary>
    private async Task<long?> ReserveInboundBlockAsync(PriceQuote quote)
    {
        try
        {
            var result = await Wallet.ExecuteAsync(FirstBlockReservation(quote));
            return result.Status is WalletOperationStatus.Applied or WalletOperationStatus.Replayed ? result.ReservationRemaining + result.Available : null;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Inbound call {CallId} of tenant {TenantId} could not reserve its first block", Key.Call, Key.Tenant);
            return null;
        }
    }

    private void StartMessageCutoff(DateTimeOffset arrived)
    {
        var due = Metering.MessageCallLimit - (Now() - arrived);
        _messageCutoff ??= this.RegisterGrainTimer(async () =>
        {
            _messageCutoff?.Dispose();
            _messageCutoff = null;
            if (Exists && !Progress.IsEnded) await HangUpAsync(CallEventTypes.HangUp, "the message call reached its time limit");
        }, new GrainTimerCreationOptions { DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }
}
