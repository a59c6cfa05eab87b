using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Grains.Pricing;
using VoicePlatform.Pricing;
using static VoicePlatform.Tests.Pricing.PricingTestData;

namespace VoicePlatform.Tests.Pricing;

public sealed class CallPricerTests
{
    private static CallPricer Pricer(PriceBookRates? rates = null, int minorDigits = 2, UsageAssumptions? assumptions = null) =>
        new(rates ?? Book, minorDigits, assumptions ?? UsageAssumptions.Default);

    private static CostComponent Single(CallCost cost, CostComponentKind kind) => Assert.Single(cost.Components, c => c.Kind == kind);

    [Fact]
    public void ReportedUsageIsPricedLineByLineAndTheTotalIsTheirSum()
    {
        // 120 s: telephony 2 × 1.2¢ = 2.4¢ → 2; platform 2 × 6¢ = 12¢; STT 90 s at 1¢/min = 1.5¢ → 2 (half up);
        // LLM 50,000 in at $1/M = 5¢, 2,500 out at $4/M = 1¢; TTS 1,000 chars at $30/M = 3¢.
        var cost = Pricer().Price(Quote(), new CallUsage { BilledSeconds = 120, Items = [Stt(90_000), Llm(50_000, 2_500), Tts(1_000)] });

        Assert.Equal([CostComponentKind.Telephony, CostComponentKind.Platform, CostComponentKind.Stt, CostComponentKind.LlmInput, CostComponentKind.LlmOutput, CostComponentKind.Tts],
            cost.Components.Select(c => c.Kind));
        var telephony = Single(cost, CostComponentKind.Telephony);
        Assert.Equal((120L, CostUnits.Second, 12_000L, 60L, 2L), (telephony.Quantity, telephony.Unit, telephony.RateMicros, telephony.RatePer, telephony.Amount));
        Assert.Equal(12, Single(cost, CostComponentKind.Platform).Amount);
        var stt = Single(cost, CostComponentKind.Stt);
        Assert.Equal(("deepgram", "nova-3", 90_000L, CostUnits.AudioMillisecond, 60_000L, 2L), (stt.Provider, stt.Model, stt.Quantity, stt.Unit, stt.RatePer, stt.Amount));
        Assert.Equal(5, Single(cost, CostComponentKind.LlmInput).Amount);
        Assert.Equal(1, Single(cost, CostComponentKind.LlmOutput).Amount);
        Assert.Equal((CostUnits.Character, 1_000_000L, 3L), (Single(cost, CostComponentKind.Tts).Unit, Single(cost, CostComponentKind.Tts).RatePer, Single(cost, CostComponentKind.Tts).Amount));
        Assert.All(cost.Components, c => Assert.False(c.Estimated || c.Unpriced));
        Assert.Equal(2 + 12 + 2 + 5 + 1 + 3, cost.Total);
        Assert.Equal(cost.Components.Sum(c => c.Amount), cost.Total);
    }

    [Fact]
    public void TheQuoteDecidesCurrencyVersionsAndTelephonyDirection()
    {
        var quote = Quote(Profile(AgentDirection.Inbound), currency: "EUR", version: 7, revision: 3);
        var cost = Pricer().Price(quote, new CallUsage { BilledSeconds = 600 });
        Assert.Equal(("EUR", 7, 3), (cost.Currency, cost.PriceBookVersion, cost.OverridesRevision));
        var telephony = Single(cost, CostComponentKind.Telephony);
        Assert.Equal((6_000L, 6L), (telephony.RateMicros, telephony.Amount));
    }

    [Fact]
    public void AKindWithNothingReportedIsEstimatedFromTheDurationWithTheAgentsModels()
    {
        var assumptions = new UsageAssumptions { LlmInputTokensPerMinute = 10_000, LlmOutputTokensPerMinute = 500, TtsCharactersPerMinute = 1_000 };
        // Only LLM usage was reported: STT and TTS are estimated, LLM is not.
        var cost = Pricer(assumptions: assumptions).Price(Quote(), new CallUsage { BilledSeconds = 90, Items = [Llm(1_000, 100)] });

        var stt = Single(cost, CostComponentKind.Stt);
        Assert.True(stt.Estimated);
        Assert.Equal(("deepgram", "nova-3", 90_000L), (stt.Provider, stt.Model, stt.Quantity));
        var tts = Single(cost, CostComponentKind.Tts);
        Assert.True(tts.Estimated);
        Assert.Equal(1_500, tts.Quantity);
        Assert.False(Single(cost, CostComponentKind.LlmInput).Estimated);
        Assert.Equal(1_000, Single(cost, CostComponentKind.LlmInput).Quantity);

        var nothing = Pricer(assumptions: assumptions).Price(Quote(), new CallUsage { BilledSeconds = 90 });
        Assert.Equal(15_000, Single(nothing, CostComponentKind.LlmInput).Quantity);
        Assert.Equal(750, Single(nothing, CostComponentKind.LlmOutput).Quantity);
        Assert.All(nothing.Components.Where(c => c.Kind is not (CostComponentKind.Telephony or CostComponentKind.Platform)), c => Assert.True(c.Estimated));
        Assert.All(nothing.Components.Where(c => c.Kind is CostComponentKind.Telephony or CostComponentKind.Platform), c => Assert.False(c.Estimated));
    }

    [Fact]
    public void EstimatedQuantitiesRoundUpToAWholeUnit()
    {
        // 400 tokens a minute for 1 s is 6.67 tokens: 7.
        var cost = Pricer(assumptions: new UsageAssumptions { LlmOutputTokensPerMinute = 400 }).Price(Quote(), new CallUsage { BilledSeconds = 1 });
        Assert.Equal(7, Single(cost, CostComponentKind.LlmOutput).Quantity);
    }

    [Fact]
    public void EachReportedProviderAndModelGetsItsOwnLinesAndRepeatsAreSummedWhateverTheirCase()
    {
        var rates = Book with
        {
            Llm = [.. Book.Llm, new LlmRate { Provider = "anthropic", Model = "claude-haiku", PerMillionInputTokensMicros = 800_000, PerMillionOutputTokensMicros = 4_000_000 }],
        };
        var cost = Pricer(rates).Price(Quote(), new CallUsage
        {
            BilledSeconds = 60,
            Items = [Llm(10_000, 1_000), Llm(5_000, 0, "Anthropic", "Claude-Haiku"), Llm(20_000, 500, "OpenAI", "GPT-4o-mini"), Llm(5_000, 0, "anthropic", "claude-haiku")],
        });

        var inputs = cost.Components.Where(c => c.Kind == CostComponentKind.LlmInput).ToList();
        Assert.Equal(2, inputs.Count);
        Assert.Equal(("openai", 30_000L, 1_000_000L), (inputs[0].Provider, inputs[0].Quantity, inputs[0].RateMicros));
        Assert.Equal(("Anthropic", 10_000L, 800_000L), (inputs[1].Provider, inputs[1].Quantity, inputs[1].RateMicros));
        Assert.Equal([1_500L, 0L], cost.Components.Where(c => c.Kind == CostComponentKind.LlmOutput).Select(c => c.Quantity));
    }

    [Fact]
    public void WildcardsPriceWhatHasNoRateOfItsOwnAndTheMostSpecificRateWins()
    {
        var rates = Book with
        {
            Stt =
            [
                new SttRate { Provider = "*", Model = "*", PerAudioMinuteMicros = 50_000 },
                new SttRate { Provider = "deepgram", Model = "*", PerAudioMinuteMicros = 20_000 },
                new SttRate { Provider = "deepgram", Model = "nova-3", PerAudioMinuteMicros = 10_000 },
            ],
        };
        var cost = Pricer(rates).Price(Quote(), new CallUsage
        {
            BilledSeconds = 60,
            Items = [Stt(60_000), Stt(60_000, "deepgram", "nova-2"), Stt(60_000, "assemblyai", "universal")],
        });
        Assert.Equal([10_000L, 20_000L, 50_000L], cost.Components.Where(c => c.Kind == CostComponentKind.Stt).Select(c => c.RateMicros));
        Assert.Equal([1L, 2L, 5L], cost.Components.Where(c => c.Kind == CostComponentKind.Stt).Select(c => c.Amount));
    }

    [Fact]
    public void ReportedUsageWithNoRateAtAllIsPricedZeroAndFlaggedRatherThanFailingTheCall()
    {
        var cost = Pricer().Price(Quote(), new CallUsage { BilledSeconds = 60, Items = [Tts(10_000, "elevenlabs", "turbo-v2")] });
        var tts = Single(cost, CostComponentKind.Tts);
        Assert.True(tts.Unpriced);
        Assert.False(tts.Estimated);
        Assert.Equal((10_000L, 0L, 0L), (tts.Quantity, tts.RateMicros, tts.Amount));
        Assert.Equal(cost.Components.Sum(c => c.Amount), cost.Total);
    }

    [Fact]
    public void UnpricedListsTheAgentsModelsWithoutARateAndWildcardsCoverThem()
    {
        var profile = Profile() with { SttModel = "nova-9", TtsProvider = "elevenlabs" };
        Assert.Equal(["stt deepgram/nova-9", "tts elevenlabs/sonic-2"], Pricer().Unpriced(profile));
        var covered = Book with
        {
            Stt = [.. Book.Stt, new SttRate { Provider = "deepgram", Model = "*", PerAudioMinuteMicros = 1 }],
            Tts = [.. Book.Tts, new TtsRate { Provider = "*", Model = "*", PerMillionCharactersMicros = 1 }],
        };
        Assert.Empty(Pricer(covered).Unpriced(profile));
        Assert.Empty(Pricer().Unpriced(Profile() with { LlmModel = "GPT-4O-MINI" }));
    }

    [Theory]
    [InlineData(30, 10_000, 1)]   // 0.5¢ exactly: half rounds up
    [InlineData(29, 10_000, 0)]   // 0.483¢
    [InlineData(31, 10_000, 1)]   // 0.517¢
    [InlineData(90, 10_000, 2)]   // 1.5¢
    [InlineData(0, 10_000, 0)]
    [InlineData(1, 1, 0)]
    public void EachLineRoundsHalfUpToTheMinorUnit(long seconds, long platformPerMinute, long expectedCents)
    {
        var cost = Pricer(Book with { PlatformPerMinuteMicros = platformPerMinute }).Price(Quote(), new CallUsage { BilledSeconds = seconds });
        Assert.Equal(expectedCents, Single(cost, CostComponentKind.Platform).Amount);
    }

    [Fact]
    public void LinesRoundOnTheirOwnSoTheTotalIsTheSumOfRoundedLines()
    {
        // Telephony and platform are each 0.5¢ over 30 s: each rounds up to 1¢, so the total is 2¢ (not round(1.0¢) of a summed rate).
        var rates = new PriceBookRates { TelephonyOutboundPerMinuteMicros = 10_000, TelephonyInboundPerMinuteMicros = 0, PlatformPerMinuteMicros = 10_000 };
        var cost = Pricer(rates).Price(Quote(), new CallUsage { BilledSeconds = 30 });
        Assert.Equal([1L, 1L], cost.Components.Where(c => c.Kind is CostComponentKind.Telephony or CostComponentKind.Platform).Select(c => c.Amount));
        Assert.Equal(2, cost.Total);
    }

    [Theory]
    [InlineData(0, 120)]      // JPY: yen
    [InlineData(2, 12_000)]   // USD: cents
    [InlineData(3, 120_000)]  // KWD: fils
    public void AmountsAreInTheCurrencysMinorUnit(int minorDigits, long expected)
    {
        // 60 currency units a minute for two minutes is 120 units, counted in the currency's smallest unit.
        var rates = new PriceBookRates { TelephonyOutboundPerMinuteMicros = 60_000_000, TelephonyInboundPerMinuteMicros = 0, PlatformPerMinuteMicros = 0 };
        var cost = Pricer(rates, minorDigits).Price(Quote(), new CallUsage { BilledSeconds = 120 });
        Assert.Equal(expected, Single(cost, CostComponentKind.Telephony).Amount);
    }

    [Fact]
    public void LargeQuantitiesAndRatesStayExact()
    {
        // 10^15 tokens at a million units per million tokens: 10^27 micro-units before dividing, far past long; the amount is 10^17 cents.
        var rates = Book with { Llm = [new LlmRate { Provider = "openai", Model = "gpt-4o-mini", PerMillionInputTokensMicros = PricingRules.MaxRateMicros, PerMillionOutputTokensMicros = 3 }] };
        var cost = Pricer(rates).Price(Quote(), new CallUsage { BilledSeconds = 0, Items = [Llm(1_000_000_000_000_000, 999_999_999_999_999_999)] });
        Assert.Equal(100_000_000_000_000_000, Single(cost, CostComponentKind.LlmInput).Amount);
        // 999,999,999,999,999,999 × 3 / 10^6 micros = 2,999,999,999,999.999997 micros = 299,999,999.9999999997 cents → 300,000,000.
        Assert.Equal(300_000_000, Single(cost, CostComponentKind.LlmOutput).Amount);
        Assert.Equal(100_000_000_300_000_000, cost.Total);
    }

    [Fact]
    public void AnAmountBeyondWhatALongHoldsThrowsInsteadOfWrapping()
    {
        var rates = Book with { Tts = [new TtsRate { Provider = "cartesia", Model = "sonic-2", PerMillionCharactersMicros = PricingRules.MaxRateMicros }] };
        Assert.Throws<OverflowException>(() => Pricer(rates).Price(Quote(), new CallUsage { BilledSeconds = 0, Items = [Tts(long.MaxValue)] }));
        // Two lines that each fit but whose sum does not.
        var near = Book with { PlatformPerMinuteMicros = PricingRules.MaxRateMicros, TelephonyOutboundPerMinuteMicros = PricingRules.MaxRateMicros };
        Assert.Throws<OverflowException>(() => Pricer(near).Price(Quote(), new CallUsage { BilledSeconds = 5_000_000_000_000 }));
    }

    [Fact]
    public void NegativeQuantitiesAreABugAndAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pricer().Price(Quote(), new CallUsage { BilledSeconds = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pricer().Price(Quote(), new CallUsage { BilledSeconds = 1, Items = [Stt(-5)] }));
    }

    [Fact]
    public void PricingIsPureTheSameInputGivesTheSameCost()
    {
        var usage = new CallUsage { BilledSeconds = 77, Items = [Stt(70_000), Tts(333)] };
        var first = Pricer().Price(Quote(), usage);
        var second = Pricer().Price(Quote(), usage);
        Assert.Equal(first.Components, second.Components);
        Assert.Equal(first.Total, second.Total);
    }

    [Fact]
    public void EstimatedPerMinuteAddsAMinuteOfEverythingAndRoundsUp()
    {
        // 1.2¢ + 6¢ + 1¢ + 12,000 × $1/M = 1.2¢ + 400 × $4/M = 0.16¢ + 600 × $30/M = 1.8¢: 11.36¢ → 12¢.
        Assert.Equal(12, Pricer().EstimatePerMinute(Profile()));
        // Inbound: 0.6¢ less: 10.76¢ → 11¢.
        Assert.Equal(11, Pricer().EstimatePerMinute(Profile(AgentDirection.Inbound)));
        // Exactly 10¢ stays 10¢.
        var exact = new PriceBookRates { TelephonyOutboundPerMinuteMicros = 40_000, TelephonyInboundPerMinuteMicros = 0, PlatformPerMinuteMicros = 60_000, Stt = Book.Stt, Llm = Book.Llm, Tts = Book.Tts };
        var nothingElse = new UsageAssumptions { SttAudioMsPerMinute = 0, LlmInputTokensPerMinute = 0, LlmOutputTokensPerMinute = 0, TtsCharactersPerMinute = 0 };
        Assert.Equal(10, Pricer(exact, assumptions: nothingElse).EstimatePerMinute(Profile()));
        // One micro-unit more is a whole cent more.
        Assert.Equal(11, Pricer(exact with { PlatformPerMinuteMicros = 60_001 }, assumptions: nothingElse).EstimatePerMinute(Profile()));
    }

    [Fact]
    public void TheDevelopmentBookEstimatesTheDocumentedExample()
    {
        var pricer = Pricer(DefaultPriceBook.Rates);
        var profile = AgentPricingProfile.Of(new AgentSettings { Name = "defaults" });
        Assert.Equal(10, pricer.EstimatePerMinute(profile));

        var cost = pricer.Price(Quote(profile), new CallUsage { BilledSeconds = 180 });
        var example = (CallCost)PricingOpenApiExamples.Samples.Single(s => s.Key == typeof(CallCost)).Value;
        Assert.Equal(example.Components, cost.Components);
        Assert.Equal(example.Total, cost.Total);
    }
}
