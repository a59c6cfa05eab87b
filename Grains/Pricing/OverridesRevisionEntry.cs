using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Pricing;

/// <summary>One revision of a tenant's overrides as stored.</summary>
[GenerateSerializer, Alias("vp.OverridesRevisionEntry")]
public sealed record OverridesRevisionEntry
{
    [Id(0)] public required int Revision { get; init; }
    /// <summary>The tenant's currency when the revision was made: the currency of its custom rates.</summary>
    [Id(1)] public required string Currency { get; init; }
    [Id(2)] public required PricingOverrides Overrides { get; init; }
    [Id(3)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(4)] public required string UpdatedBy { get; init; }
}
