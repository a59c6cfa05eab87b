using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Pricing;

/// <summary>
/// Prices calls with one set of effective rates (a book version with a tenant's overrides applied). Pure: the same
/// rates and usage always give the same cost, so a call can be priced again at any time with the same result.
/// </summary>
/// <remarks>
/// Each line is quantity × rate ÷ rate-unit, rounded half up to the currency's minor unit on its own; the total is
/// the sum of the rounded lines, so the lines a tenant sees always add up to what it is charged.
/// </remarks>
public sealed class CallPricer(PriceBookRates rates, int minorDigits, UsageAssumptions assumptions)
{
    private readonly long _microsPerMinorUnit = MoneyMath.MicrosPerMinorUnit(minorDigits);

    /// <summary>The effective rates this pricer applies.</summary>
    public PriceBookRates Rates => rates;

    public CallCost Price(PriceQuote quote, CallUsage usage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usage.BilledSeconds);
        var profile = quote.Profile;
        var seconds = usage.BilledSeconds;
        var items = Totals(usage.Items);
        var lines = new List<CostComponent>
        {
            Line(CostComponentKind.Telephony, null, null, seconds, CostUnits.Second, TelephonyRate(profile.Direction), CostUnits.SecondsPerMinute),
            Line(CostComponentKind.Platform, null, null, seconds, CostUnits.Second, rates.PlatformPerMinuteMicros, CostUnits.SecondsPerMinute),
        };

        var stt = items.Where(i => i.Kind == UsageKind.Stt).ToList();
        var sttEstimated = stt.Count == 0;
        if (sttEstimated)
            stt = [new UsageItem { Kind = UsageKind.Stt, Provider = profile.SttProvider, Model = profile.SttModel, AudioMs = Estimate(assumptions.SttAudioMsPerMinute, seconds) }];
        foreach (var item in stt)
        {
            var rate = EffectiveRates.Find(rates.Stt, item.Provider, item.Model)?.PerAudioMinuteMicros;
            lines.Add(Line(CostComponentKind.Stt, item.Provider, item.Model, item.AudioMs, CostUnits.AudioMillisecond, rate, CostUnits.AudioMillisecondsPerMinute, sttEstimated));
        }

        var llm = items.Where(i => i.Kind == UsageKind.Llm).ToList();
        var llmEstimated = llm.Count == 0;
        if (llmEstimated)
        {
            llm = [new UsageItem
            {
                Kind = UsageKind.Llm, Provider = profile.LlmProvider, Model = profile.LlmModel,
                InputTokens = Estimate(assumptions.LlmInputTokensPerMinute, seconds), OutputTokens = Estimate(assumptions.LlmOutputTokensPerMinute, seconds),
            }];
        }
        foreach (var item in llm)
        {
            var rate = EffectiveRates.Find(rates.Llm, item.Provider, item.Model);
            lines.Add(Line(CostComponentKind.LlmInput, item.Provider, item.Model, item.InputTokens, CostUnits.Token, rate?.PerMillionInputTokensMicros, CostUnits.PerMillion, llmEstimated));
            lines.Add(Line(CostComponentKind.LlmOutput, item.Provider, item.Model, item.OutputTokens, CostUnits.Token, rate?.PerMillionOutputTokensMicros, CostUnits.PerMillion, llmEstimated));
        }

        var tts = items.Where(i => i.Kind == UsageKind.Tts).ToList();
        var ttsEstimated = tts.Count == 0;
        if (ttsEstimated)
            tts = [new UsageItem { Kind = UsageKind.Tts, Provider = profile.TtsProvider, Model = profile.TtsModel, Characters = Estimate(assumptions.TtsCharactersPerMinute, seconds) }];
        foreach (var item in tts)
        {
            var rate = EffectiveRates.Find(rates.Tts, item.Provider, item.Model)?.PerMillionCharactersMicros;
            lines.Add(Line(CostComponentKind.Tts, item.Provider, item.Model, item.Characters, CostUnits.Character, rate, CostUnits.PerMillion, ttsEstimated));
        }

        return new CallCost
        {
            Currency = quote.Currency,
            PriceBookVersion = quote.PriceBookVersion,
            OverridesRevision = quote.OverridesRevision,
            Components = lines,
            Total = lines.Aggregate(0L, (sum, line) => checked(sum + line.Amount)),
        };
    }

    /// <summary>
    /// One connected minute of this agent: telephony, platform, a minute of STT and the assumed LLM and TTS use,
    /// in minor units rounded up (a reservation must cover the minute, never fall a fraction short).
    /// </summary>
    public long EstimatePerMinute(AgentPricingProfile profile)
    {
        // Everything over one common denominator (a minute of audio times a million units) keeps the sum exact.
        const long denominator = CostUnits.AudioMillisecondsPerMinute * CostUnits.PerMillion;
        var stt = EffectiveRates.Find(rates.Stt, profile.SttProvider, profile.SttModel)?.PerAudioMinuteMicros ?? 0;
        var llm = EffectiveRates.Find(rates.Llm, profile.LlmProvider, profile.LlmModel);
        var tts = EffectiveRates.Find(rates.Tts, profile.TtsProvider, profile.TtsModel)?.PerMillionCharactersMicros ?? 0;
        Int128 numerator = ((Int128)TelephonyRate(profile.Direction) + rates.PlatformPerMinuteMicros) * denominator
            + (Int128)stt * assumptions.SttAudioMsPerMinute * CostUnits.PerMillion
            + ((Int128)(llm?.PerMillionInputTokensMicros ?? 0) * assumptions.LlmInputTokensPerMinute
               + (Int128)(llm?.PerMillionOutputTokensMicros ?? 0) * assumptions.LlmOutputTokensPerMinute
               + (Int128)tts * assumptions.TtsCharactersPerMinute) * CostUnits.AudioMillisecondsPerMinute;
        return MoneyMath.DivideRoundUp(numerator, (Int128)denominator * _microsPerMinorUnit);
    }

    /// <summary>The profile's models that have no rate, not even a wildcard (e.g. "stt deepgram/nova-9"); empty when all are priced.</summary>
    public IReadOnlyList<string> Unpriced(AgentPricingProfile profile)
    {
        var missing = new List<string>();
        if (EffectiveRates.Find(rates.Stt, profile.SttProvider, profile.SttModel) is null) missing.Add($"stt {profile.SttProvider}/{profile.SttModel}");
        if (EffectiveRates.Find(rates.Llm, profile.LlmProvider, profile.LlmModel) is null) missing.Add($"llm {profile.LlmProvider}/{profile.LlmModel}");
        if (EffectiveRates.Find(rates.Tts, profile.TtsProvider, profile.TtsModel) is null) missing.Add($"tts {profile.TtsProvider}/{profile.TtsModel}");
        return missing;
    }

    private long TelephonyRate(AgentDirection direction) =>
        direction == AgentDirection.Inbound ? rates.TelephonyInboundPerMinuteMicros : rates.TelephonyOutboundPerMinuteMicros;

    private static long Estimate(long perMinute, long seconds) => UsageAssumptions.ForDuration(perMinute, seconds);

    private CostComponent Line(CostComponentKind kind, string? provider, string? model, long quantity, string unit, long? rateMicros, long ratePer, bool estimated = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        return new CostComponent
        {
            Kind = kind,
            Provider = provider,
            Model = model,
            Quantity = quantity,
            Unit = unit,
            RateMicros = rateMicros ?? 0,
            RatePer = ratePer,
            Amount = rateMicros is { } rate ? MoneyMath.DivideRoundHalfUp((Int128)quantity * rate, (Int128)ratePer * _microsPerMinorUnit) : 0,
            Estimated = estimated,
            Unpriced = rateMicros is null,
        };
    }

    /// <summary>Reported items summed per kind, provider and model (names compared regardless of case), in first-reported order.</summary>
    private static List<UsageItem> Totals(IReadOnlyList<UsageItem> items) =>
        items
            .GroupBy(i => (i.Kind, Provider: i.Provider.ToUpperInvariant(), Model: i.Model.ToUpperInvariant()))
            .Select(g => g.First() with
            {
                AudioMs = g.Aggregate(0L, (sum, i) => checked(sum + i.AudioMs)),
                InputTokens = g.Aggregate(0L, (sum, i) => checked(sum + i.InputTokens)),
                OutputTokens = g.Aggregate(0L, (sum, i) => checked(sum + i.OutputTokens)),
                Characters = g.Aggregate(0L, (sum, i) => checked(sum + i.Characters)),
            })
            .ToList();
}
