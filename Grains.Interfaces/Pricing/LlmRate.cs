namespace VoicePlatform.Pricing;

/// <summary>Language-model price of one provider and model, per million input and per million output tokens.</summary>
[GenerateSerializer, Immutable, Alias("vp.LlmRate")]
public sealed record LlmRate : IModelRate
{
    [Id(0)] public required string Provider { get; init; }
    [Id(1)] public required string Model { get; init; }
    /// <summary>Millionths of the currency per 1,000,000 input (prompt) tokens.</summary>
    [Id(2)] public required long PerMillionInputTokensMicros { get; init; }
    /// <summary>Millionths of the currency per 1,000,000 output (completion) tokens.</summary>
    [Id(3)] public required long PerMillionOutputTokensMicros { get; init; }
}
