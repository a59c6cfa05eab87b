namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>
/// Usage of one provider and model. Only the measure that fits the kind is set (the others are left out of the
/// JSON): STT audio milliseconds, LLM input and output tokens, TTS characters.
/// </summary>
public sealed record UsageItemReport(UsageKind Kind, string Provider, string Model)
{
    public long? AudioMs { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? Characters { get; init; }
}
