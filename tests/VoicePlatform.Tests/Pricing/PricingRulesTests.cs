using VoicePlatform.Pricing;
using static VoicePlatform.Tests.Pricing.PricingTestData;

namespace VoicePlatform.Tests.Pricing;

public sealed class PricingRulesTests
{
    private static Dictionary<string, string[]> Errors(PriceBookRates rates)
    {
        var errors = new Dictionary<string, string[]>();
        PricingRules.Validate(rates, "", errors);
        return errors;
    }

    private static Dictionary<string, string[]> Errors(PricingOverrides overrides)
    {
        var errors = new Dictionary<string, string[]>();
        PricingRules.Validate(overrides, "", errors);
        return errors;
    }

    [Fact]
    public void TheTestBookAndWildcardsAreValid()
    {
        Assert.Empty(Errors(Book));
        Assert.Empty(Errors(Book with { Stt = [new SttRate { Provider = "*", Model = "*", PerAudioMinuteMicros = 0 }, new SttRate { Provider = "deepgram", Model = "*", PerAudioMinuteMicros = 1 }] }));
    }

    [Fact]
    public void EveryBrokenRuleIsNamedByItsField()
    {
        var errors = Errors(Book with
        {
            TelephonyInboundPerMinuteMicros = -1,
            PlatformPerMinuteMicros = PricingRules.MaxRateMicros + 1,
            Stt = [new SttRate { Provider = "", Model = "nova-3", PerAudioMinuteMicros = 1 }, new SttRate { Provider = "*", Model = "nova-3", PerAudioMinuteMicros = 1 }],
            Llm = [new LlmRate { Provider = "openai", Model = "gpt*", PerMillionInputTokensMicros = 1, PerMillionOutputTokensMicros = -5 }],
            Tts = [new TtsRate { Provider = "cartesia", Model = "sonic-2", PerMillionCharactersMicros = 1 }, new TtsRate { Provider = "Cartesia", Model = "SONIC-2", PerMillionCharactersMicros = 2 }],
        });
        Assert.Equal(
            ["llm[0].model", "llm[0].perMillionOutputTokensMicros", "platformPerMinuteMicros", "stt[0].provider", "stt[1].model", "telephonyInboundPerMinuteMicros", "tts[1]"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OverridesMayBePartialButTheirAdjustmentIsBounded()
    {
        Assert.Empty(Errors(PricingOverrides.None));
        Assert.Empty(Errors(new PricingOverrides { AdjustmentBasisPoints = -10_000, TelephonyOutboundPerMinuteMicros = 0 }));
        Assert.Equal(["adjustmentBasisPoints"], Errors(new PricingOverrides { AdjustmentBasisPoints = -10_001 }).Keys);
        Assert.Equal(["adjustmentBasisPoints"], Errors(new PricingOverrides { AdjustmentBasisPoints = 100_001 }).Keys);
        Assert.Equal(["platformPerMinuteMicros"], Errors(new PricingOverrides { PlatformPerMinuteMicros = -1 }).Keys);
    }

    [Fact]
    public void GrainsRefuseInvalidRatesEvenWithoutTheApi()
    {
        Assert.Throws<ArgumentException>(() => PricingRules.EnsureValid(Book with { PlatformPerMinuteMicros = -1 }));
        Assert.Throws<ArgumentException>(() => PricingRules.EnsureValid(new PricingOverrides { AdjustmentBasisPoints = int.MinValue }));
    }
}
