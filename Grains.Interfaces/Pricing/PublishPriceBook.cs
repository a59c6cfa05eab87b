namespace VoicePlatform.Pricing;

/// <summary>A new version of a currency's price book.</summary>
[GenerateSerializer, Immutable, Alias("vp.PublishPriceBook")]
public sealed record PublishPriceBook
{
    [Id(0)] public required PriceBookRates Rates { get; init; }
    [Id(1)] public required string PublishedBy { get; init; }
    /// <summary>The client's Idempotency-Key: publishing again with it answers the version it made.</summary>
    [Id(2)] public string? IdempotencyKey { get; init; }
    /// <summary>Publish only if this is still the current version (0: none yet); null publishes regardless.</summary>
    [Id(3)] public int? ExpectedVersion { get; init; }
}
