namespace VoicePlatform.Brands;

/// <summary>A brand as the API shows it; <see cref="Revision"/> is its ETag.</summary>
[GenerateSerializer, Immutable, Alias("vp.BrandView")]
public sealed record BrandView
{
    [Id(0)] public required BrandId Id { get; init; }
    [Id(1)] public required BrandProfile Profile { get; init; }
    [Id(2)] public required BrandStatus Status { get; init; }
    [Id(3)] public required int Revision { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }
}
