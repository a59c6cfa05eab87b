using System.Text.Json;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Leads;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>The <c>payload</c> of each event type, as JSON fixed when the event is made.</summary>
public static class WebhookPayloads
{
    public static string Call(CallView call) => Write(new { call });

    public static string CallEnded(CallView call, CallCostView cost) => Write(new { call, cost });

    public static string Lead(LeadRecord lead) => Write(new { lead });

    public static string Campaign(CampaignView campaign, string? reason, string? detail) => Write(new { campaign, reason, detail });

    public static string LowBalance(WalletView wallet, long ledgerSequence) => Write(new { wallet, ledgerSequence });

    public static string Credited(WalletView wallet, WalletLedgerEntry credit) => Write(new
    {
        wallet,
        credit = new { creditId = credit.Reference, kind = credit.Kind, amount = credit.Amount, note = credit.Note, at = credit.At },
        ledgerSequence = credit.Sequence,
    });

    public static string Disabled(WebhookEndpointRecord endpoint) => Write(new
    {
        endpointId = endpoint.Id,
        url = endpoint.Settings.Url,
        reason = endpoint.StatusReason,
        failingSince = endpoint.FailingSince,
    });

    private static string Write<T>(T payload) => JsonSerializer.Serialize(payload, WebhookJson.Options);
}
