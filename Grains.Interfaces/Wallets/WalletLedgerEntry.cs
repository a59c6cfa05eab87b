namespace VoicePlatform.Wallets;

/// <summary>
/// One append-only ledger entry: an operation or credit and the wallet right after it, in integer minor units.
/// Refused operations are recorded too (status insufficient-funds or no-reservation, nothing moved), so a repeat of
/// their idempotency key answers the same refusal after any restart. The sum of <see cref="BalanceChange"/> over a
/// wallet's entries is its balance, and of <see cref="ReservedChange"/> its reserved money.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WalletLedgerEntry")]
public sealed record WalletLedgerEntry
{
    /// <summary>1, 2, 3… per tenant, without gaps: the order the wallet applied its entries in.</summary>
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required WalletEntryKind Kind { get; init; }
    /// <summary>Applied, or the refusal (insufficient-funds, no-reservation).</summary>
    [Id(2)] public required WalletOperationStatus Status { get; init; }
    /// <summary>The amount the operation or credit asked for.</summary>
    [Id(3)] public required long Requested { get; init; }
    /// <summary>Money moved: reserved, debited, released or credited (negative for a negative adjustment); 0 when refused.</summary>
    [Id(4)] public required long Amount { get; init; }
    [Id(5)] public required long BalanceChange { get; init; }
    [Id(6)] public required long ReservedChange { get; init; }
    /// <summary>For a settle: what could not be paid.</summary>
    [Id(7)] public long Shortfall { get; init; }
    [Id(8)] public required long BalanceAfter { get; init; }
    [Id(9)] public required long ReservedAfter { get; init; }
    /// <summary>What is still reserved for <see cref="Reference"/> after the entry.</summary>
    [Id(10)] public required long ReservationAfter { get; init; }
    /// <summary>A call id (or another consumer's reference), or for a credit the platform-made credit id.</summary>
    [Id(11)] public required string Reference { get; init; }
    [Id(12)] public required string IdempotencyKey { get; init; }
    /// <summary>Credits only: who credited (the operator) and why.</summary>
    [Id(13)] public string? Actor { get; init; }
    [Id(14)] public string? Note { get; init; }
    [Id(15)] public required DateTimeOffset At { get; init; }

    public long AvailableAfter => BalanceAfter - ReservedAfter;
}
