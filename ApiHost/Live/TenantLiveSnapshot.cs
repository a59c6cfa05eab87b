using VoicePlatform.Calls;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Live;

/// <summary>A tenant's live floor at one moment: the calls not yet ended (from the call records) and the wallet.</summary>
public sealed record TenantLiveSnapshot
{
    public required DateTimeOffset TakenAt { get; init; }
    public required IReadOnlyList<CallRecord> LiveCalls { get; init; }
    public required WalletView Wallet { get; init; }
}
