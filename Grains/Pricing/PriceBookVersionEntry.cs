using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Pricing;

/// <summary>One published version as stored, with the idempotency key that published it.</summary>
[GenerateSerializer, Alias("vp.PriceBookVersionEntry")]
public sealed record PriceBookVersionEntry
{
    [Id(0)] public required int Version { get; init; }
    [Id(1)] public required PriceBookRates Rates { get; init; }
    [Id(2)] public required DateTimeOffset PublishedAt { get; init; }
    [Id(3)] public required string PublishedBy { get; init; }
    [Id(4)] public string? IdempotencyKey { get; init; }
}
