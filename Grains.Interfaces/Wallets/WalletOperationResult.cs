namespace VoicePlatform.Wallets;

/// <summary>
/// The result of one operation and the wallet right after it. A repeat of an applied operation answers
/// <see cref="WalletOperationStatus.Replayed"/> with the first answer's figures (the wallet as it was right after the
/// first); a repeat of a refused one (insufficient funds, no reservation) answers the same refusal again.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WalletOperationResult")]
public sealed record WalletOperationResult
{
    [Id(0)] public required WalletOperationStatus Status { get; init; }
    /// <summary>Money moved by it: reserved, debited or released (minor units).</summary>
    [Id(1)] public long Amount { get; init; }
    /// <summary>For a settle that could not be covered in full: what remained unpaid (the balance never goes below zero).</summary>
    [Id(2)] public long Shortfall { get; init; }
    /// <summary>What is still reserved for the reference after it.</summary>
    [Id(3)] public long ReservationRemaining { get; init; }
    [Id(4)] public long Balance { get; init; }
    [Id(5)] public long Reserved { get; init; }
    /// <summary>The ledger entry that recorded the operation (refusals are recorded too); 0 for a conflict.</summary>
    [Id(6)] public long Sequence { get; init; }
    /// <summary>The entry's reference: the operation's own, or for a credit the platform-made credit id (crd_…).</summary>
    [Id(7)] public string? Reference { get; init; }
    public long Available => Balance - Reserved;
}
