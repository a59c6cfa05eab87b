using VoicePlatform.Brands;

namespace VoicePlatform.Catalog;

/// <summary>The brand shown next to a persona or agent: always the one its persona belongs to.</summary>
[GenerateSerializer, Immutable, Alias("vp.BrandBadge")]
public sealed record BrandBadge
{
    [Id(0)] public required BrandId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
}
