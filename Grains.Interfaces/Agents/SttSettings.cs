namespace VoicePlatform.Agents;

[GenerateSerializer, Immutable, Alias("vp.SttSettings")]
public sealed record SttSettings
{
    [Id(0)] public string Provider { get; init; } = "deepgram";
    [Id(1)] public string Model { get; init; } = "nova-3";
    /// <summary>BCP 47 tag, e.g. en-US.</summary>
    [Id(2)] public string Language { get; init; } = "en-US";
}
