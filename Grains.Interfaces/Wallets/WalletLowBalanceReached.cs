using VoicePlatform.Tenants;

namespace VoicePlatform.Wallets;

/// <summary>
/// Published on the tenant's event stream (<see cref="TenantEventStreams"/>) when the wallet's available money falls
/// below the tenant's low-balance threshold: once per crossing, re-armed when available is back at or above it.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WalletLowBalanceReached")]
public sealed record WalletLowBalanceReached
{
    [Id(0)] public required TenantId TenantId { get; init; }
    [Id(1)] public required string Currency { get; init; }
    [Id(2)] public required long Balance { get; init; }
    [Id(3)] public required long Reserved { get; init; }
    [Id(4)] public required long Available { get; init; }
    /// <summary>The threshold in minor units, as it was when available crossed it.</summary>
    [Id(5)] public required long Threshold { get; init; }
    /// <summary>The ledger entry after which available was below the threshold.</summary>
    [Id(6)] public required long Sequence { get; init; }
    [Id(7)] public required DateTimeOffset At { get; init; }
}
