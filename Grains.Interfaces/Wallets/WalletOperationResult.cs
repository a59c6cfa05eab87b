namespace VoicePlatform.Wallets;

/// <summary>The result of one operation and the wallet right after it.</summary>
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
    public long Available => Balance - Reserved;
}
