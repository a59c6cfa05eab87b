using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Pricing;

/// <summary>
/// A tenant's rates: the book's with the tenant's custom rates merged in and the adjustment folded into every rate,
/// so each cost line reads quantity × rate = amount and the tenant sees exactly the rates it pays.
/// </summary>
public static class EffectiveRates
{
    /// <param name="customRatesApply">False when the custom rates were set in another currency than the book's: only the adjustment then applies.</param>
    public static PriceBookRates Of(PriceBookRates book, PricingOverrides overrides, bool customRatesApply = true)
    {
        var custom = customRatesApply ? overrides : PricingOverrides.None with { AdjustmentBasisPoints = overrides.AdjustmentBasisPoints };
        var bp = overrides.AdjustmentBasisPoints;
        return new PriceBookRates
        {
            TelephonyOutboundPerMinuteMicros = MoneyMath.Adjust(custom.TelephonyOutboundPerMinuteMicros ?? book.TelephonyOutboundPerMinuteMicros, bp),
            TelephonyInboundPerMinuteMicros = MoneyMath.Adjust(custom.TelephonyInboundPerMinuteMicros ?? book.TelephonyInboundPerMinuteMicros, bp),
            PlatformPerMinuteMicros = MoneyMath.Adjust(custom.PlatformPerMinuteMicros ?? book.PlatformPerMinuteMicros, bp),
            Stt = Merge(book.Stt, custom.Stt).Select(r => r with { PerAudioMinuteMicros = MoneyMath.Adjust(r.PerAudioMinuteMicros, bp) }).ToList(),
            Llm = Merge(book.Llm, custom.Llm).Select(r => r with
            {
                PerMillionInputTokensMicros = MoneyMath.Adjust(r.PerMillionInputTokensMicros, bp),
                PerMillionOutputTokensMicros = MoneyMath.Adjust(r.PerMillionOutputTokensMicros, bp),
            }).ToList(),
            Tts = Merge(book.Tts, custom.Tts).Select(r => r with { PerMillionCharactersMicros = MoneyMath.Adjust(r.PerMillionCharactersMicros, bp) }).ToList(),
        };
    }

    /// <summary>
    /// The most specific rate for a provider and model: an exact entry, else the provider's <c>*</c> model, else
    /// <c>*</c>/<c>*</c>; null when none applies.
    /// </summary>
    public static T? Find<T>(IReadOnlyList<T> rates, string provider, string model) where T : class, IModelRate =>
        rates.FirstOrDefault(r => PricingRules.SameName(r.Provider, provider) && PricingRules.SameName(r.Model, model))
        ?? rates.FirstOrDefault(r => PricingRules.SameName(r.Provider, provider) && r.Model == PricingRules.Wildcard)
        ?? rates.FirstOrDefault(r => r.Provider == PricingRules.Wildcard && r.Model == PricingRules.Wildcard);

    /// <summary>The book's entries in order, each replaced by the custom entry for the same provider and model; then the new ones.</summary>
    private static IEnumerable<T> Merge<T>(IReadOnlyList<T> book, IReadOnlyList<T> custom) where T : class, IModelRate
    {
        foreach (var rate in book)
            yield return custom.FirstOrDefault(c => Same(c, rate)) ?? rate;
        foreach (var rate in custom)
            if (!book.Any(b => Same(b, rate))) yield return rate;
    }

    private static bool Same(IModelRate a, IModelRate b) => PricingRules.SameName(a.Provider, b.Provider) && PricingRules.SameName(a.Model, b.Model);
}
