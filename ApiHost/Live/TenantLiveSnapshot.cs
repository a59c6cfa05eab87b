using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Live;

/// <summary>A tenant's live floor at one moment: the calls not yet ended (from the call records), the campaigns not finished, and the wallet.</summary>
public sealed record TenantLiveSnapshot
{
    public required DateTimeOffset TakenAt { get; init; }
    public required IReadOnlyList<CallRecord> LiveCalls { get; init; }
    public required IReadOnlyList<CampaignView> Campaigns { get; init; }
    public required WalletView Wallet { get; init; }
}
