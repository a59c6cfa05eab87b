namespace VoicePlatform.Campaigns;

/// <summary>After an attempt with this outcome: wait <see cref="DelayMinutes"/>, and try at most <see cref="MaxAttempts"/> times with it.</summary>
[GenerateSerializer, Immutable, Alias("vp.RetryRule")]
public sealed record RetryRule
{
    [Id(0)] public required int DelayMinutes { get; init; }
    [Id(1)] public required int MaxAttempts { get; init; }
}
