namespace VoicePlatform.Pricing;

/// <summary>Text-to-speech price of one provider and model, per million characters spoken.</summary>
[GenerateSerializer, Immutable, Alias("vp.TtsRate")]
public sealed record TtsRate : IModelRate
{
    [Id(0)] public required string Provider { get; init; }
    [Id(1)] public required string Model { get; init; }
    /// <summary>Millionths of the currency per 1,000,000 characters.</summary>
    [Id(2)] public required long PerMillionCharactersMicros { get; init; }
}
