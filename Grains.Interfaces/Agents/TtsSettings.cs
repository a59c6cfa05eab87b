namespace VoicePlatform.Agents;

[GenerateSerializer, Immutable, Alias("vp.TtsSettings")]
public sealed record TtsSettings
{
    [Id(0)] public string Provider { get; init; } = "cartesia";
    [Id(1)] public string Model { get; init; } = "sonic-2";
    /// <summary>Voice id; null uses the persona's voice.</summary>
    [Id(2)] public string? Voice { get; init; }
}
