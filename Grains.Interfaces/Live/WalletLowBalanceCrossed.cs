using VoicePlatform.Wallets;

namespace VoicePlatform.Live;

/// <summary>The money available fell below the tenant's low-balance threshold at this ledger entry.</summary>
[GenerateSerializer, Immutable, Alias("vp.WalletLowBalanceCrossed")]
public sealed record WalletLowBalanceCrossed : LiveEventPayload
{
    [Id(0)] public required WalletView Wallet { get; init; }
    [Id(1)] public required long LedgerSequence { get; init; }
}
