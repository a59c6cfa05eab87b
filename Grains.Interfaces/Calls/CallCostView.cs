using VoicePlatform.Pricing;

namespace VoicePlatform.Calls;

/// <summary>
/// What a call costs: the itemised price (final once <see cref="Settled"/>, otherwise priced now from the usage so
/// far), the price-book version it is priced at, and how the wallet was charged.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallCostView")]
public sealed record CallCostView
{
    [Id(0)] public required bool Settled { get; init; }
    /// <summary>Null when the call was never priced (it ended before a quote, e.g. no price book).</summary>
    [Id(1)] public CallCost? Cost { get; init; }
    [Id(2)] public long BilledSeconds { get; init; }
    /// <summary>Debited block by block while it ran (minor units).</summary>
    [Id(3)] public long Debited { get; init; }
    [Id(4)] public long Refunded { get; init; }
    /// <summary>What the wallet could not cover (the balance never goes below zero).</summary>
    [Id(5)] public long Shortfall { get; init; }
    [Id(6)] public DateTimeOffset? SettledAt { get; init; }
}
