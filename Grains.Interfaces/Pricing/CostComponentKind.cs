namespace VoicePlatform.Pricing;

/// <summary>A line of a call's cost. JSON: telephony, platform, stt, llm-input, llm-output, tts.</summary>
[GenerateSerializer, Alias("vp.CostComponentKind")]
public enum CostComponentKind
{
    Telephony = 0,
    Platform = 1,
    Stt = 2,
    LlmInput = 3,
    LlmOutput = 4,
    Tts = 5,
}
