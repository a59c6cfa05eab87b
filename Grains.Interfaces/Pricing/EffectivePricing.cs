namespace VoicePlatform.Pricing;

/// <summary>
/// What a tenant pays now: the current price book with the tenant's overrides merged in and its markup or discount
/// already applied to each rate. Lookups pick the most specific entry: provider and model, then provider/*, then */*.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.EffectivePricing")]
public sealed record EffectivePricing
{
    [Id(0)] public required string Currency { get; init; }
    [Id(1)] public required int PriceBookVersion { get; init; }
    [Id(2)] public required int OverridesRevision { get; init; }
    [Id(3)] public required PriceBookRates Rates { get; init; }
}
