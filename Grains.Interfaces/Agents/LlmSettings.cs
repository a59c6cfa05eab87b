namespace VoicePlatform.Agents;

[GenerateSerializer, Immutable, Alias("vp.LlmSettings")]
public sealed record LlmSettings
{
    [Id(0)] public string Provider { get; init; } = "openai";
    [Id(1)] public string Model { get; init; } = "gpt-4o-mini";
    /// <summary>0–2.</summary>
    [Id(2)] public double Temperature { get; init; } = 0.6;
}
