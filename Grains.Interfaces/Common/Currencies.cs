using System.Globalization;

namespace VoicePlatform.Common;

/// <summary>
/// ISO 4217 currencies: which codes exist (those .NET knows a region for) and how many minor digits each has, so
/// money is always an integer count of the currency's smallest unit (cents for USD, yen for JPY, fils for KWD).
/// </summary>
public static class Currencies
{
    private static readonly Lazy<HashSet<string>> Known = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal));

    // ISO 4217's exponents that are not 2. Culture data is not used for this because it describes how a
    // locale displays money, which is not always the currency's minor unit.
    private static readonly Dictionary<string, int> NonDecimalDigits = new(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    /// <summary>True for an upper-case ISO 4217 code such as USD.</summary>
    public static bool IsKnown(string? code) => code is { Length: 3 } && Known.Value.Contains(code);

    /// <summary>Digits after the decimal point of the currency's minor unit: 2 for USD and EUR, 0 for JPY, 3 for KWD.</summary>
    public static int MinorDigits(string code) => NonDecimalDigits.TryGetValue(code, out var digits) ? digits : 2;
}
