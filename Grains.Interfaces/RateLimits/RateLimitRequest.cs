namespace VoicePlatform.RateLimits;

/// <summary>
/// An API host asking a tenant's bucket for <see cref="Wanted"/> requests' worth of tokens, with the rate the hosts are
/// configured with (every host sends the same; the bucket follows the latest).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.RateLimitRequest")]
public sealed record RateLimitRequest
{
    [Id(0)] public required int Wanted { get; init; }
    [Id(1)] public required double PerSecond { get; init; }
    [Id(2)] public required int Burst { get; init; }
}
