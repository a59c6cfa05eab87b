using VoicePlatform.Pricing;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// The USD price book development mode publishes as version 1 when none exists, so the demo tenant can estimate and
/// place calls at once. Rates are close to public list prices (late 2026) plus the platform's own fee; the
/// wildcards price any other model conservatively, at the level of the dearer models of its kind.
/// </summary>
public static class DefaultPriceBook
{
    public const string Currency = "USD";

    /// <summary>The seeder's Idempotency-Key: a restart finds the version it published instead of adding another.</summary>
    public const string IdempotencyKey = "development-default-price-book";

    public static PriceBookRates Rates { get; } = new()
    {
        TelephonyOutboundPerMinuteMicros = 14_000,   // $0.014 a minute
        TelephonyInboundPerMinuteMicros = 8_500,     // $0.0085
        PlatformPerMinuteMicros = 50_000,            // $0.05
        Stt =
        [
            new SttRate { Provider = "deepgram", Model = "nova-3", PerAudioMinuteMicros = 7_700 },     // $0.0077 an audio minute
            new SttRate { Provider = "deepgram", Model = "nova-2", PerAudioMinuteMicros = 5_800 },
            new SttRate { Provider = "deepgram", Model = PricingRules.Wildcard, PerAudioMinuteMicros = 7_700 },
            new SttRate { Provider = PricingRules.Wildcard, Model = PricingRules.Wildcard, PerAudioMinuteMicros = 10_000 },
        ],
        Llm =
        [
            new LlmRate { Provider = "openai", Model = "gpt-4o-mini", PerMillionInputTokensMicros = 150_000, PerMillionOutputTokensMicros = 600_000 },
            new LlmRate { Provider = "openai", Model = "gpt-4.1-mini", PerMillionInputTokensMicros = 400_000, PerMillionOutputTokensMicros = 1_600_000 },
            new LlmRate { Provider = "openai", Model = "gpt-4o", PerMillionInputTokensMicros = 2_500_000, PerMillionOutputTokensMicros = 10_000_000 },
            new LlmRate { Provider = PricingRules.Wildcard, Model = PricingRules.Wildcard, PerMillionInputTokensMicros = 2_500_000, PerMillionOutputTokensMicros = 10_000_000 },
        ],
        Tts =
        [
            new TtsRate { Provider = "cartesia", Model = "sonic-2", PerMillionCharactersMicros = 40_000_000 },   // $40 a million characters
            new TtsRate { Provider = "openai", Model = "tts-1", PerMillionCharactersMicros = 15_000_000 },
            new TtsRate { Provider = "cartesia", Model = PricingRules.Wildcard, PerMillionCharactersMicros = 40_000_000 },
            new TtsRate { Provider = PricingRules.Wildcard, Model = PricingRules.Wildcard, PerMillionCharactersMicros = 50_000_000 },
        ],
    };

    public static PublishPriceBook Publish { get; } = new()
    {
        Rates = Rates,
        PublishedBy = "development-mode",
        IdempotencyKey = IdempotencyKey,
        // Only when the currency has no book yet: a book the operator published is never replaced by the defaults.
        ExpectedVersion = 0,
    };
}
