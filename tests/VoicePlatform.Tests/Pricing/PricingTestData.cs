using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Pricing;

namespace VoicePlatform.Tests.Pricing;

/// <summary>Small price books, profiles and usage with round numbers, so expected amounts can be worked out by hand.</summary>
public static class PricingTestData
{
    /// <summary>$0.012/min out, $0.006/min in, $0.06/min platform; STT $0.01/min; LLM $1 / $4 per M; TTS $30 per M characters.</summary>
    public static PriceBookRates Book => new()
    {
        TelephonyOutboundPerMinuteMicros = 12_000,
        TelephonyInboundPerMinuteMicros = 6_000,
        PlatformPerMinuteMicros = 60_000,
        Stt = [new SttRate { Provider = "deepgram", Model = "nova-3", PerAudioMinuteMicros = 10_000 }],
        Llm = [new LlmRate { Provider = "openai", Model = "gpt-4o-mini", PerMillionInputTokensMicros = 1_000_000, PerMillionOutputTokensMicros = 4_000_000 }],
        Tts = [new TtsRate { Provider = "cartesia", Model = "sonic-2", PerMillionCharactersMicros = 30_000_000 }],
    };

    public static AgentPricingProfile Profile(AgentDirection direction = AgentDirection.Outbound) => new()
    {
        Direction = direction,
        SttProvider = "deepgram", SttModel = "nova-3",
        LlmProvider = "openai", LlmModel = "gpt-4o-mini",
        TtsProvider = "cartesia", TtsModel = "sonic-2",
    };

    public static PriceQuote Quote(AgentPricingProfile? profile = null, string currency = "USD", int version = 1, int revision = 0) => new()
    {
        Currency = currency, PriceBookVersion = version, OverridesRevision = revision, EstimatedPerMinute = 0, Profile = profile ?? Profile(),
    };

    public static UsageItem Stt(long audioMs, string provider = "deepgram", string model = "nova-3") =>
        new() { Kind = UsageKind.Stt, Provider = provider, Model = model, AudioMs = audioMs };

    public static UsageItem Llm(long input, long output, string provider = "openai", string model = "gpt-4o-mini") =>
        new() { Kind = UsageKind.Llm, Provider = provider, Model = model, InputTokens = input, OutputTokens = output };

    public static UsageItem Tts(long characters, string provider = "cartesia", string model = "sonic-2") =>
        new() { Kind = UsageKind.Tts, Provider = provider, Model = model, Characters = characters };
}
