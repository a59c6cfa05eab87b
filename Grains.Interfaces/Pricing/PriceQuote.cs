namespace VoicePlatform.Pricing;

/// <summary>
/// The prices in force for a tenant's call when it is dialled: which price-book version and which revision of the
/// tenant's overrides, and the estimated price of one minute of this agent (minor units, rounded up). The call keeps
/// the quote and is priced with exactly these versions at the end, whatever changed since.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.PriceQuote")]
public sealed record PriceQuote
{
    /// <summary>ISO 4217 code; amounts are in its minor units (cents for USD).</summary>
    [Id(0)] public required string Currency { get; init; }
    [Id(1)] public required int PriceBookVersion { get; init; }
    /// <summary>The tenant's override revision applied (0 = none).</summary>
    [Id(2)] public required int OverridesRevision { get; init; }
    [Id(3)] public required long EstimatedPerMinute { get; init; }
    [Id(4)] public required AgentPricingProfile Profile { get; init; }
}
