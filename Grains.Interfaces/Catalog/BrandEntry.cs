using VoicePlatform.Brands;

namespace VoicePlatform.Catalog;

/// <summary>The tenant catalog's line for a brand.</summary>
[GenerateSerializer, Immutable, Alias("vp.BrandEntry")]
public sealed record BrandEntry
{
    [Id(0)] public required BrandId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required BrandStatus Status { get; init; }
    [Id(3)] public string? Industry { get; init; }
}
