namespace VoicePlatform.Wallets;

/// <summary>
/// A page of a tenant's ledger, newest first (descending sequence). <see cref="From"/> (inclusive) and
/// <see cref="To"/> (exclusive) bound the entry time; <see cref="After"/> is the previous page's <c>next</c>: the
/// page holds entries with a smaller sequence.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WalletLedgerQuery")]
public sealed record WalletLedgerQuery
{
    [Id(0)] public DateTimeOffset? From { get; init; }
    [Id(1)] public DateTimeOffset? To { get; init; }
    [Id(2)] public long? After { get; init; }
    [Id(3)] public int Limit { get; init; } = 50;
}
