namespace VoicePlatform.Wallets;

/// <summary>Money the operator adds (or, for an adjustment, removes). Only the operator API creates these.</summary>
[GenerateSerializer, Immutable, Alias("vp.WalletCredit")]
public sealed record WalletCredit
{
    [Id(0)] public required CreditKind Kind { get; init; }
    /// <summary>Minor units; positive, except an adjustment which may be negative.</summary>
    [Id(1)] public required long Amount { get; init; }
    /// <summary>Shares the tenant's key space with operations; the operator API prefixes its keys with <c>credit:</c>.</summary>
    [Id(2)] public required string IdempotencyKey { get; init; }
    [Id(3)] public string? Note { get; init; }
    /// <summary>Who did it (the operator), for the ledger.</summary>
    [Id(4)] public required string Actor { get; init; }
}
