namespace VoicePlatform.Wallets;

/// <summary>
/// One operation on a reservation. <see cref="IdempotencyKey"/> is unique within the tenant's wallet: a repeat
/// answers the first result and moves no money. <see cref="Reference"/> names the reservation (a call id).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WalletOperation")]
public sealed record WalletOperation
{
    [Id(0)] public required WalletOperationKind Kind { get; init; }
    [Id(1)] public required string Reference { get; init; }
    /// <summary>Minor units, 0 or more (ignored by Release).</summary>
    [Id(2)] public required long Amount { get; init; }
    [Id(3)] public required string IdempotencyKey { get; init; }
}
