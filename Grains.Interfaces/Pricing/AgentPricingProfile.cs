using VoicePlatform.Agents;

namespace VoicePlatform.Pricing;

/// <summary>What about an agent decides its price: call direction and the STT, LLM and TTS it runs on.</summary>
[GenerateSerializer, Immutable, Alias("vp.AgentPricingProfile")]
public sealed record AgentPricingProfile
{
    [Id(0)] public AgentDirection Direction { get; init; } = AgentDirection.Outbound;
    [Id(1)] public required string SttProvider { get; init; }
    [Id(2)] public required string SttModel { get; init; }
    [Id(3)] public required string LlmProvider { get; init; }
    [Id(4)] public required string LlmModel { get; init; }
    [Id(5)] public required string TtsProvider { get; init; }
    [Id(6)] public required string TtsModel { get; init; }

    public static AgentPricingProfile Of(AgentSettings agent) => new()
    {
        Direction = agent.Direction,
        SttProvider = agent.Stt.Provider,
        SttModel = agent.Stt.Model,
        LlmProvider = agent.Llm.Provider,
        LlmModel = agent.Llm.Model,
        TtsProvider = agent.Tts.Provider,
        TtsModel = agent.Tts.Model,
    };
}
