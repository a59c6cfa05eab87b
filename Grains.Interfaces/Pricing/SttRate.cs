namespace VoicePlatform.Pricing;

/// <summary>Speech-to-text price of one provider and model, per minute of audio transcribed.</summary>
[GenerateSerializer, Immutable, Alias("vp.SttRate")]
public sealed record SttRate : IModelRate
{
    [Id(0)] public required string Provider { get; init; }
    [Id(1)] public required string Model { get; init; }
    /// <summary>Millionths of the currency per 60,000 audio milliseconds.</summary>
    [Id(2)] public required long PerAudioMinuteMicros { get; init; }
}
