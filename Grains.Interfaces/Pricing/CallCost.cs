namespace VoicePlatform.Pricing;

/// <summary>A call's itemised price, with the versions it was priced at.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallCost")]
public sealed record CallCost
{
    [Id(0)] public required string Currency { get; init; }
    [Id(1)] public required int PriceBookVersion { get; init; }
    [Id(2)] public required int OverridesRevision { get; init; }
    [Id(3)] public required IReadOnlyList<CostComponent> Components { get; init; }
    /// <summary>Sum of the components' amounts, minor units.</summary>
    [Id(4)] public required long Total { get; init; }
}
