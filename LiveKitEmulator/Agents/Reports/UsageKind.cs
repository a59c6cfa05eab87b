namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>What an AI provider was used for. JSON: stt, llm, tts.</summary>
public enum UsageKind
{
    Stt,
    Llm,
    Tts,
}
