namespace VoicePlatform.RateLimits;

/// <summary>How many tokens were granted (0 to the wanted number), and when none: how long until one is.</summary>
[GenerateSerializer, Immutable, Alias("vp.RateLimitGrant")]
public sealed record RateLimitGrant
{
    [Id(0)] public required int Granted { get; init; }
    [Id(1)] public TimeSpan RetryAfter { get; init; }
}
