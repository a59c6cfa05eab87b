using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Live;

/// <summary>A tenant's live floor at one moment: the calls not yet ended (from the call records), the campaigns not finished, the wallet, and the floor's figures.</summary>
public sealed record TenantLiveSnapshot
{
    public required DateTimeOffset TakenAt { get; init; }
    public required IReadOnlyList<CallRecord> LiveCalls { get; init; }
    public required IReadOnlyList<CampaignView> Campaigns { get; init; }
    public required WalletView Wallet { get; init; }
    /// <summary>The last 15 minutes: calls ended per minute, answer and abandon rates, average handle time, and the minutes they come from.</summary>
    public required VoicePlatform.Live.FloorFigures Floor { get; init; }
}
