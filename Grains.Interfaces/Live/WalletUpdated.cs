using VoicePlatform.Wallets;

namespace VoicePlatform.Live;

/// <summary>The wallet as <c>GET /api/wallet</c> shows it (at most once a second while money moves).</summary>
[GenerateSerializer, Immutable, Alias("vp.WalletUpdated")]
public sealed record WalletUpdated : LiveEventPayload
{
    [Id(0)] public required WalletView Wallet { get; init; }
}
