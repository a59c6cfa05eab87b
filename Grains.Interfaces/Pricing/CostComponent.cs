namespace VoicePlatform.Pricing;

/// <summary>
/// One priced line: <see cref="Quantity"/> of <see cref="Unit"/> (second, audio-millisecond, token, character) at
/// <see cref="RateMicros"/> millionths of the currency per <see cref="RatePer"/> units, giving <see cref="Amount"/>
/// minor units (rounded half up, per line).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CostComponent")]
public sealed record CostComponent
{
    [Id(0)] public required CostComponentKind Kind { get; init; }
    [Id(1)] public string? Provider { get; init; }
    [Id(2)] public string? Model { get; init; }
    [Id(3)] public required long Quantity { get; init; }
    [Id(4)] public required string Unit { get; init; }
    [Id(5)] public required long RateMicros { get; init; }
    /// <summary>How many units the rate is for: 60 seconds (per minute), 60,000 audio ms, 1,000,000 tokens or characters.</summary>
    [Id(6)] public required long RatePer { get; init; }
    [Id(7)] public required long Amount { get; init; }
    /// <summary>True when the quantity was estimated from the duration because the worker reported none.</summary>
    [Id(8)] public bool Estimated { get; init; }
    /// <summary>
    /// True when the price book has no rate for this provider and model, not even a wildcard: the line is priced 0
    /// rather than failing a call that already happened, and the operator should add a rate.
    /// </summary>
    [Id(9)] public bool Unpriced { get; init; }
}
