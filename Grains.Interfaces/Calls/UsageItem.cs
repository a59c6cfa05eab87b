namespace VoicePlatform.Calls;

/// <summary>
/// Usage of one provider and model: STT counts audio milliseconds, LLM input and output tokens, TTS characters.
/// Integers only, so sums are exact and pricing (issue 5) never meets floating point.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.UsageItem")]
public sealed record UsageItem
{
    [Id(0)] public required UsageKind Kind { get; init; }
    [Id(1)] public required string Provider { get; init; }
    [Id(2)] public required string Model { get; init; }
    [Id(3)] public long AudioMs { get; init; }
    [Id(4)] public long InputTokens { get; init; }
    [Id(5)] public long OutputTokens { get; init; }
    [Id(6)] public long Characters { get; init; }
}
