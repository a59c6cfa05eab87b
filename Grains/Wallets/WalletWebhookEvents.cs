using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// The webhook events of one wallet commit: <c>wallet.credited</c> for each credit applied and <c>wallet.low_balance</c>
/// for each crossing below the threshold. Numbered by the ledger entry that causes them, so a commit replayed after a
/// crash makes the same ids, and recorded in the commit's own transaction.
/// </summary>
public static class WalletWebhookEvents
{
    private static readonly HashSet<WalletEntryKind> Credits = [WalletEntryKind.TopUp, WalletEntryKind.Bonus, WalletEntryKind.Refund, WalletEntryKind.Adjustment];

    public static IReadOnlyList<TenantEvent> Of(TenantId tenant, IReadOnlyList<WalletLedgerEntry> entries, IReadOnlyList<WalletLedgerEntry> crossings, TenantSettings settings)
    {
        var events = new List<TenantEvent>();
        foreach (var entry in entries)
        {
            if (Credits.Contains(entry.Kind) && entry.Status == WalletOperationStatus.Applied)
                events.Add(Event(tenant, entry, WebhookEventTypes.WalletCredited, WebhookPayloads.Credited(ViewAfter(entry, settings), entry)));
        }
        foreach (var entry in crossings)
            events.Add(Event(tenant, entry, WebhookEventTypes.WalletLowBalance, WebhookPayloads.LowBalance(ViewAfter(entry, settings), entry.Sequence)));
        return events;
    }

    private static TenantEvent Event(TenantId tenant, WalletLedgerEntry entry, string type, string payload) => new()
    {
        Id = TenantEvent.IdFor(tenant, tenant.Value, entry.Sequence, type),
        Type = type,
        TenantId = tenant,
        SourceId = tenant.Value,
        Sequence = entry.Sequence,
        At = entry.At,
        PayloadJson = payload,
    };

    private static WalletView ViewAfter(WalletLedgerEntry entry, TenantSettings settings)
    {
        var threshold = CurrencyMinorUnits.ToMinorUnits(settings.LowBalanceThreshold, settings.Currency);
        return new WalletView
        {
            Currency = settings.Currency, Balance = entry.BalanceAfter, Reserved = entry.ReservedAfter, LowBalanceThreshold = threshold,
            LowBalance = entry.AvailableAfter < threshold,
        };
    }
}
