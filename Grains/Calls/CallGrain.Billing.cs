using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Paying for the call: one block reserved before dialling, each connected block debited and the next reserved
/// while it runs (cut off when the wallet cannot), and one settlement at the end priced with the quote taken at
/// placement. Every wallet operation's key is derived from the call and the block index, so any of them repeated —
/// by a retry, a re-activation or the sweeper after a crash — moves no money twice.
/// </summary>
public sealed partial class CallGrain
{
    private static readonly TimeSpan SettlementRetryPeriod = TimeSpan.FromSeconds(5);

    private IGrainTimer? _meter;
    private IGrainTimer? _settlement;
    // Blocks debited and extended by this activation; a new activation starts at 0 and replays are harmless.
    private int _meteredBlocks;

    private ITenantPricingGrain Pricing => GrainFactory.GetTenantPricing(Key.Tenant);

    private IWalletOperationsGrain Wallet => GrainFactory.GetWalletOperations(Key.Tenant);

    private CallMeteringOptions Metering => meteringOptions.Value;

    private string WalletKey(string step) => $"call:{Key.Call.Value}:{step}";

    /// <summary>
    /// Reserves the first block. Answers the money that can pay for this call (the reservation plus what the
    /// wallet has available), or null after ending the call unplaced when the wallet says no.
    /// </summary>
    private async Task<long?> ReserveFirstBlockAsync(PriceQuote quote)
    {
        var reservation = FirstBlockReservation(quote);
        var amount = reservation.Amount;
        WalletOperationResult result;
        try
        {
            result = await Wallet.ExecuteAsync(reservation);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Call {CallId} of tenant {TenantId} could not reserve its first block", Key.Call, Key.Tenant);
            await EndUnplacedAsync(CallEndReason.Failed, "the wallet could not be reached, so the call was not dialled");
            return null;
        }

        switch (result.Status)
        {
            case WalletOperationStatus.Applied or WalletOperationStatus.Replayed:
                return result.ReservationRemaining + result.Available;
            case WalletOperationStatus.InsufficientFunds:
                await EndUnplacedAsync(CallEndReason.InsufficientFunds,
                    $"the wallet cannot cover the first {Metering.BlockDuration.TotalMinutes:0.##} minute(s): {amount} needed, {result.Available} available");
                return null;
            default:
                await EndUnplacedAsync(CallEndReason.Failed, $"the wallet refused the reservation ({result.Status})");
                return null;
        }
    }

    /// <summary>The call's first block, keyed by the call: a repeat by any activation reserves it once.</summary>
    private WalletOperation FirstBlockReservation(PriceQuote quote) => new()
    {
        Kind = WalletOperationKind.Reserve, Reference = Key.Call.Value, Amount = CallMetering.BlockAmount(quote.EstimatedPerMinute, Metering.BlockDuration),
        IdempotencyKey = WalletKey("reserve"),
    };

    /// <summary>Ends a call that never dialled; its settlement releases whatever was reserved.</summary>
    private Task EndUnplacedAsync(CallEndReason reason, string detail)
    {
        state.State = state.State with { NeverDialed = true };
        return ApplyAsync(CallLifecycle.End(Progress, reason, Now(), detail));
    }

    /// <summary>Starts what the call's billing needs now: the block meter while connected, the settlement once ended.</summary>
    private void ResumeBilling()
    {
        if (!Exists) return;
        if (Progress.IsEnded)
        {
            _meter?.Dispose();
            _meter = null;
            if (!state.State.Billing.Settled && _settlement is null)
            {
                // An unanswered call used no AI worth waiting for; an answered one waits for the worker's last usage, and
                // one that may have been answered unseen for the worker's word (AwaitsLateAnswer).
                var grace = Progress.AnsweredAt is not null ? Metering.SettlementGrace : AwaitsLateAnswer(Progress) ? Metering.LateAnswerGrace : TimeSpan.Zero;
                var due = grace - (Now() - Progress.EndedAt!.Value);
                _settlement = this.RegisterGrainTimer(SettleAsync, new GrainTimerCreationOptions
                {
                    DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
                    Period = SettlementRetryPeriod,
                    // Money is owed until it settles: an idle collection must not stop the retries.
                    KeepAlive = true,
                });
            }
            return;
        }
        if (Progress.AnsweredAt is { } answeredAt && state.State.Quote is not null && _meter is null)
        {
            var block = Metering.BlockDuration;
            var sinceAnswer = Now() - answeredAt;
            var nextBoundary = block * (CallMetering.ElapsedBlocks(sinceAnswer, block) + 1) - sinceAnswer;
            // KeepAlive: a call longer than the grain collection age is still metered block by block.
            _meter = this.RegisterGrainTimer(MeterAsync, new GrainTimerCreationOptions { DueTime = nextBoundary, Period = block, KeepAlive = true });
        }
    }

    /// <summary>At each block boundary: debit the elapsed block, reserve the next; when the wallet cannot, hang up.</summary>
    private async Task MeterAsync()
    {
        if (!Exists || Progress.IsEnded || Progress.AnsweredAt is not { } answeredAt || state.State.Quote is not { } quote) return;
        var block = Metering.BlockDuration;
        var elapsed = CallMetering.ElapsedBlocks(Now() - answeredAt, block);
        try
        {
            while (_meteredBlocks < elapsed)
            {
                var index = _meteredBlocks + 1;
                // Sent together, so the wallet's batcher carries both in one batch: a debit takes from the reservation
                // what it takes from the balance, so available money — all the extension asks about — is the same
                // whichever lands first.
                var debited = DebitBlockAsync(quote, index);
                var extending = Wallet.ExecuteAsync(new WalletOperation
                {
                    Kind = WalletOperationKind.Extend, Reference = Key.Call.Value,
                    Amount = CallMetering.BlockAmount(quote.EstimatedPerMinute, block), IdempotencyKey = WalletKey($"extend:{index}"),
                });
                await debited;
                var extended = await extending;
                _meteredBlocks = index;
                // The call's cost tick: one event per debited block, nothing written (the ledger has the debit).
                PublishCallUpdated();
                if (extended.Status == WalletOperationStatus.InsufficientFunds)
                {
                    logger.LogInformation("Call {CallId} of tenant {TenantId} cut off: the wallet cannot pay for block {Block}", Key.Call, Key.Tenant, index + 1);
                    await HangUpAsync(CallEventTypes.Billing, "the wallet ran out of money", CallEndReason.InsufficientFunds);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // The next tick (or the settlement) repeats the same keyed operations; nothing is charged twice.
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not meter block {Block}", Key.Call, Key.Tenant, _meteredBlocks + 1);
        }
    }

    private async Task DebitBlockAsync(PriceQuote quote, int index)
    {
        var debit = await Wallet.ExecuteAsync(new WalletOperation
        {
            Kind = WalletOperationKind.Debit, Reference = Key.Call.Value,
            Amount = CallMetering.BlockDebit(quote.EstimatedPerMinute, Metering.BlockDuration, index), IdempotencyKey = WalletKey($"debit:{index}"),
        });
        if (debit.Status is not (WalletOperationStatus.Applied or WalletOperationStatus.Replayed))
            logger.LogWarning("Call {CallId} of tenant {TenantId}: debit of block {Block} answered {Status}", Key.Call, Key.Tenant, index, debit.Status);
    }

    /// <summary>
    /// Prices the call with its quote, makes sure every elapsed block is debited, then settles the difference (or
    /// gives back block debits above the final price) and closes the reservation. Retried until it succeeds.
    /// </summary>
    private async Task SettleAsync()
    {
        if (!Exists || !Progress.IsEnded || state.State.Billing.Settled)
        {
            StopSettlement();
            return;
        }
        try
        {
            var settled = await ComputeSettlementAsync();
            await SaveAsync(durable: true, [settled]);
            StopSettlement();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not settle yet; retrying", Key.Call, Key.Tenant);
        }
    }

    /// <summary>Settles an unanswered call as it ends; on failure the settlement timer tries again after the end is written.</summary>
    private async Task<IReadOnlyList<CallEvent>> SettleInlineAsync()
    {
        if (state.State.Billing.Settled) return [];
        try
        {
            return [await ComputeSettlementAsync()];
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Call {CallId} of tenant {TenantId} could not settle as it ended; retrying", Key.Call, Key.Tenant);
            return [];
        }
    }

    /// <summary>
    /// Makes every wallet operation of the settlement (all keyed, so repeating them is harmless) and puts the result
    /// in the state, unsaved: the caller saves it with whatever else it writes. Answers the history entry.
    /// </summary>
    private async Task<CallEvent> ComputeSettlementAsync()
    {
        var now = Now();
        var billed = CallMetering.BilledSeconds(Progress.AnsweredAt, Progress.EndedAt);
        if (state.State.Quote is not { } quote)
        {
            state.State = state.State with { Billing = state.State.Billing with { Settled = true, SettledAt = now } };
            return CallHistory.SettledWithoutPrice(now);
        }

        var block = Metering.BlockDuration;
        var blocks = CallMetering.ElapsedBlocks(TimeSpan.FromSeconds(billed), block);
        // Blocks this activation did not debit (after a crash: all of them, most already in the ledger and answered as
        // replays) go together, not one round trip each.
        await Task.WhenAll(Enumerable.Range(_meteredBlocks + 1, Math.Max(0, blocks - _meteredBlocks)).Select(index => DebitBlockAsync(quote, index)));
        _meteredBlocks = Math.Max(_meteredBlocks, blocks);
        var debited = CallMetering.DebitedThrough(quote.EstimatedPerMinute, block, blocks);

        var cost = await Pricing.PriceAsync(quote, new CallUsage { BilledSeconds = billed, Items = UsageTotals.Sum(state.State.UsageReports) });
        var settle = await Wallet.ExecuteAsync(new WalletOperation
        {
            Kind = WalletOperationKind.Settle, Reference = Key.Call.Value, Amount = Math.Max(0, cost.Total - debited), IdempotencyKey = WalletKey("settle"),
        });
        long refunded = 0;
        if (debited > cost.Total)
        {
            // Blocks are debited at the estimate; the actual usage came in lower, so the difference goes back.
            refunded = debited - cost.Total;
            await GrainFactory.GetWallet(Key.Tenant).CreditAsync(new WalletCredit
            {
                Kind = CreditKind.Refund, Amount = refunded, IdempotencyKey = WalletKey("refund"),
                Note = $"call {Key.Call.Value}: block debits above the final price", Actor = "platform",
            });
        }
        var shortfall = settle.Status is WalletOperationStatus.Applied or WalletOperationStatus.Replayed ? settle.Shortfall : 0;
        state.State = state.State with
        {
            Billing = state.State.Billing with
            {
                Settled = true, Cost = cost, Shortfall = shortfall, Refunded = refunded, SettledAt = now, BilledSeconds = billed, Debited = debited,
            },
        };
        logger.LogInformation("Call {CallId} of tenant {TenantId} settled at {Total} {Currency}", Key.Call, Key.Tenant, cost.Total, cost.Currency);
        return CallHistory.Settled(cost, billed, shortfall, refunded, now);
    }

    private void StopSettlement()
    {
        _settlement?.Dispose();
        _settlement = null;
    }

    public async Task<CallCostView?> GetCostAsync()
    {
        if (!Exists) return null;
        var billing = state.State.Billing;
        if (billing.Settled)
        {
            return new CallCostView
            {
                Settled = true, Cost = billing.Cost, BilledSeconds = billing.BilledSeconds, Debited = billing.Debited,
                Refunded = billing.Refunded, Shortfall = billing.Shortfall, SettledAt = billing.SettledAt,
            };
        }
        if (state.State.Quote is not { } quote) return new CallCostView { Settled = false };
        // Not settled yet: priced now from the usage so far, at the quote's versions.
        var billed = CallMetering.BilledSeconds(Progress.AnsweredAt, Progress.EndedAt ?? (Progress.AnsweredAt is null ? null : Now()));
        var cost = await Pricing.PriceAsync(quote, new CallUsage { BilledSeconds = billed, Items = UsageTotals.Sum(state.State.UsageReports) });
        return new CallCostView
        {
            Settled = false, Cost = cost, BilledSeconds = billed,
            Debited = CallMetering.DebitedThrough(quote.EstimatedPerMinute, Metering.BlockDuration, _meteredBlocks),
        };
    }
}
