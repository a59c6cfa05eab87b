namespace VoicePlatform.Calls;

/// <summary>What an AI provider was used for. JSON: stt, llm, tts.</summary>
[GenerateSerializer, Alias("vp.UsageKind")]
public enum UsageKind
{
    Stt = 0,
    Llm = 1,
    Tts = 2,
}
