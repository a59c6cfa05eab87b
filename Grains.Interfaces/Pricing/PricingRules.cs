using VoicePlatform.Common;

namespace VoicePlatform.Pricing;

/// <summary>
/// What a valid price book and a valid set of overrides are. The API reports these per field; the grains enforce
/// them again so that nothing invalid is ever published, whoever calls.
/// </summary>
public static class PricingRules
{
    /// <summary>A provider or model of <c>*</c> matches any; a provider of <c>*</c> needs a model of <c>*</c>.</summary>
    public const string Wildcard = "*";
    public const int MaxNameLength = 100;
    public const int MaxModelRates = 200;
    /// <summary>One million currency units per unit: far above any real rate, far below what could overflow a total.</summary>
    public const long MaxRateMicros = 1_000_000_000_000;
    /// <summary>A 100% discount makes calls free; nothing below that makes sense.</summary>
    public const int MinAdjustmentBasisPoints = -10_000;
    /// <summary>At most a tenfold markup (+1000%), so a typo cannot make calls absurdly expensive.</summary>
    public const int MaxAdjustmentBasisPoints = 100_000;

    public static void Validate(PriceBookRates rates, string prefix, IDictionary<string, string[]> errors)
    {
        Rate(errors, prefix + "telephonyOutboundPerMinuteMicros", rates.TelephonyOutboundPerMinuteMicros);
        Rate(errors, prefix + "telephonyInboundPerMinuteMicros", rates.TelephonyInboundPerMinuteMicros);
        Rate(errors, prefix + "platformPerMinuteMicros", rates.PlatformPerMinuteMicros);
        ModelRates(errors, prefix + "stt", rates.Stt, (r, f) => Rate(errors, f + ".perAudioMinuteMicros", r.PerAudioMinuteMicros));
        ModelRates(errors, prefix + "llm", rates.Llm, (r, f) =>
        {
            Rate(errors, f + ".perMillionInputTokensMicros", r.PerMillionInputTokensMicros);
            Rate(errors, f + ".perMillionOutputTokensMicros", r.PerMillionOutputTokensMicros);
        });
        ModelRates(errors, prefix + "tts", rates.Tts, (r, f) => Rate(errors, f + ".perMillionCharactersMicros", r.PerMillionCharactersMicros));
    }

    public static void Validate(PricingOverrides overrides, string prefix, IDictionary<string, string[]> errors)
    {
        if (overrides.AdjustmentBasisPoints is < MinAdjustmentBasisPoints or > MaxAdjustmentBasisPoints)
            errors[prefix + "adjustmentBasisPoints"] = [$"Between {MinAdjustmentBasisPoints} (free) and {MaxAdjustmentBasisPoints} (+1000%); +1500 is a 15% markup, -1000 a 10% discount."];
        if (overrides.TelephonyOutboundPerMinuteMicros is { } outbound) Rate(errors, prefix + "telephonyOutboundPerMinuteMicros", outbound);
        if (overrides.TelephonyInboundPerMinuteMicros is { } inbound) Rate(errors, prefix + "telephonyInboundPerMinuteMicros", inbound);
        if (overrides.PlatformPerMinuteMicros is { } platform) Rate(errors, prefix + "platformPerMinuteMicros", platform);
        Validate(new PriceBookRates
        {
            TelephonyOutboundPerMinuteMicros = 0,
            TelephonyInboundPerMinuteMicros = 0,
            PlatformPerMinuteMicros = 0,
            Stt = overrides.Stt,
            Llm = overrides.Llm,
            Tts = overrides.Tts,
        }, prefix, errors);
    }

    public static void EnsureValid(PriceBookRates rates)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(rates, "", errors);
        Validation.ThrowIfAny(errors);
    }

    public static void EnsureValid(PricingOverrides overrides)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(overrides, "", errors);
        Validation.ThrowIfAny(errors);
    }

    /// <summary>Provider and model names match whatever their case, as agents and workers may spell them differently.</summary>
    public static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void Rate(IDictionary<string, string[]> errors, string field, long micros)
    {
        if (micros is < 0 or > MaxRateMicros) errors[field] = [$"Millionths of the currency, from 0 to {MaxRateMicros}."];
    }

    private static void ModelRates<T>(IDictionary<string, string[]> errors, string field, IReadOnlyList<T>? rates, Action<T, string> checkRates)
        where T : IModelRate
    {
        if (rates is null) return;
        if (rates.Count > MaxModelRates)
        {
            errors[field] = [$"At most {MaxModelRates} entries."];
            return;
        }
        for (var i = 0; i < rates.Count; i++)
        {
            var entry = $"{field}[{i}]";
            var rate = rates[i];
            if (rate is null)
            {
                errors[entry] = ["An entry is required."];
                continue;
            }
            Name(errors, entry + ".provider", rate.Provider);
            Name(errors, entry + ".model", rate.Model);
            if (rate.Provider == Wildcard && rate.Model != Wildcard)
                errors[entry + ".model"] = ["A provider of * matches every model, so its model must be * too."];
            checkRates(rate, entry);
            for (var j = 0; j < i; j++)
            {
                if (rates[j] is { } earlier && SameName(earlier.Provider ?? "", rate.Provider ?? "") && SameName(earlier.Model ?? "", rate.Model ?? ""))
                {
                    errors[entry] = [$"Repeats {field}[{j}]: one rate per provider and model."];
                    break;
                }
            }
        }
    }

    private static void Name(IDictionary<string, string[]> errors, string field, string? name)
    {
        Validation.Required(errors, field, name, MaxNameLength);
        if (errors.ContainsKey(field)) return;
        if (name != name!.Trim()) errors[field] = ["No leading or trailing spaces."];
        else if (name != Wildcard && name.Contains(Wildcard, StringComparison.Ordinal)) errors[field] = ["Only a lone * is a wildcard."];
    }
}
