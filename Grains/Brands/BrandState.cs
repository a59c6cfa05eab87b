using VoicePlatform.Brands;

namespace VoicePlatform.Grains.Brands;

[GenerateSerializer, Alias("vp.BrandState")]
public sealed record BrandState
{
    [Id(0)] public BrandProfile? Profile { get; init; }
    [Id(1)] public BrandStatus Status { get; init; }
    [Id(2)] public int Revision { get; init; }
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
}
