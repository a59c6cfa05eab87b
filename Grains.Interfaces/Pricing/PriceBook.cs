namespace VoicePlatform.Pricing;

/// <summary>One published, never-changing version of the operator's price book for a currency.</summary>
[GenerateSerializer, Immutable, Alias("vp.PriceBook")]
public sealed record PriceBook
{
    /// <summary>ISO 4217 code; the rates are millionths of its major unit.</summary>
    [Id(0)] public required string Currency { get; init; }
    /// <summary>1 for the first version; each publish adds one. It is the book's ETag.</summary>
    [Id(1)] public required int Version { get; init; }
    [Id(2)] public required PriceBookRates Rates { get; init; }
    [Id(3)] public required DateTimeOffset PublishedAt { get; init; }
    /// <summary>Who published it: "operator", or the process that seeded it.</summary>
    [Id(4)] public required string PublishedBy { get; init; }
}
