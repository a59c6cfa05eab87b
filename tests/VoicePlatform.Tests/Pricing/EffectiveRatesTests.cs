using VoicePlatform.Grains.Pricing;
using VoicePlatform.Pricing;
using static VoicePlatform.Tests.Pricing.PricingTestData;

namespace VoicePlatform.Tests.Pricing;

public sealed class EffectiveRatesTests
{
    [Fact]
    public void NoOverridesLeaveTheBookAsItIs()
    {
        var rates = EffectiveRates.Of(Book, PricingOverrides.None);
        Assert.Equal(Book.TelephonyOutboundPerMinuteMicros, rates.TelephonyOutboundPerMinuteMicros);
        Assert.Equal(Book.Stt, rates.Stt);
        Assert.Equal(Book.Llm, rates.Llm);
        Assert.Equal(Book.Tts, rates.Tts);
    }

    [Fact]
    public void CustomRatesReplaceTheBooksEntryForTheSameModelAddNewOnesAndKeepTheRest()
    {
        var overrides = new PricingOverrides
        {
            PlatformPerMinuteMicros = 30_000,
            Llm = [new LlmRate { Provider = "OpenAI", Model = "gpt-4o-mini", PerMillionInputTokensMicros = 500_000, PerMillionOutputTokensMicros = 2_000_000 }],
            Tts = [new TtsRate { Provider = "*", Model = "*", PerMillionCharactersMicros = 99 }],
        };
        var rates = EffectiveRates.Of(Book, overrides);

        Assert.Equal(30_000, rates.PlatformPerMinuteMicros);
        Assert.Equal(Book.TelephonyOutboundPerMinuteMicros, rates.TelephonyOutboundPerMinuteMicros);
        var llm = Assert.Single(rates.Llm);
        Assert.Equal((500_000L, 2_000_000L), (llm.PerMillionInputTokensMicros, llm.PerMillionOutputTokensMicros));
        Assert.Equal(2, rates.Tts.Count);
        // The book's exact sonic-2 rate stays more specific than the tenant's */* one.
        Assert.Equal(30_000_000, EffectiveRates.Find(rates.Tts, "cartesia", "sonic-2")!.PerMillionCharactersMicros);
        Assert.Equal(99, EffectiveRates.Find(rates.Tts, "elevenlabs", "turbo")!.PerMillionCharactersMicros);
        Assert.Equal(Book.Stt, rates.Stt);
    }

    [Fact]
    public void AMarkupRaisesEveryRateCustomOnesIncluded()
    {
        var overrides = new PricingOverrides { AdjustmentBasisPoints = 1_500, PlatformPerMinuteMicros = 40_000 };
        var rates = EffectiveRates.Of(Book, overrides);
        Assert.Equal(13_800, rates.TelephonyOutboundPerMinuteMicros);   // 12,000 × 1.15
        Assert.Equal(46_000, rates.PlatformPerMinuteMicros);            // the custom 40,000 × 1.15
        Assert.Equal(11_500, rates.Stt[0].PerAudioMinuteMicros);
        Assert.Equal((1_150_000L, 4_600_000L), (rates.Llm[0].PerMillionInputTokensMicros, rates.Llm[0].PerMillionOutputTokensMicros));
        Assert.Equal(34_500_000, rates.Tts[0].PerMillionCharactersMicros);
    }

    [Fact]
    public void ADiscountLowersEveryRateAndAFullDiscountMakesCallsFree()
    {
        var rates = EffectiveRates.Of(Book, new PricingOverrides { AdjustmentBasisPoints = -2_500 });
        Assert.Equal(9_000, rates.TelephonyOutboundPerMinuteMicros);
        Assert.Equal(7_500, rates.Stt[0].PerAudioMinuteMicros);

        var free = new CallPricer(EffectiveRates.Of(Book, new PricingOverrides { AdjustmentBasisPoints = -10_000 }), 2, UsageAssumptions.Default);
        Assert.Equal(0, free.Price(Quote(), new CallUsage { BilledSeconds = 3_600 }).Total);
    }

    [Theory]
    [InlineData(333, 50, 335)]     // 334.665
    [InlineData(10, 50, 10)]       // 10.05 → 10
    [InlineData(10, 500, 11)]      // 10.5 → 11 (exactly half rounds up)
    [InlineData(7, -1_000, 6)]     // 6.3 → 6
    [InlineData(5, -1_000, 5)]     // 4.5 → 5
    public void AnAdjustedRateRoundsHalfUpToAWholeMicroUnit(long rate, int basisPoints, long expected) =>
        Assert.Equal(expected, MoneyMath.Adjust(rate, basisPoints));

    [Fact]
    public void CustomRatesSetInAnotherCurrencyAreIgnoredButTheAdjustmentStillApplies()
    {
        var overrides = new PricingOverrides { AdjustmentBasisPoints = -5_000, PlatformPerMinuteMicros = 1 };
        var rates = EffectiveRates.Of(Book, overrides, customRatesApply: false);
        Assert.Equal(30_000, rates.PlatformPerMinuteMicros);
    }

    [Fact]
    public void AMarkupOnTheLargestRateStillFits()
    {
        Assert.Equal(PricingRules.MaxRateMicros * 11, MoneyMath.Adjust(PricingRules.MaxRateMicros, PricingRules.MaxAdjustmentBasisPoints));
    }
}
