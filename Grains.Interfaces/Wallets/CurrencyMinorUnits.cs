namespace VoicePlatform.Wallets;

/// <summary>
/// How many decimal digits a currency's minor unit has (ISO 4217): 2 for most (USD cents), 0 for JPY or KRW,
/// 3 for the dinars, 4 for the two unidad de fomento. Wallet amounts are integers of this unit.
/// </summary>
public static class CurrencyMinorUnits
{
    private static readonly HashSet<string> NoMinorUnit = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDigits = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    private static readonly HashSet<string> FourDigits = new(StringComparer.Ordinal) { "CLF", "UYW" };

    public static int Digits(string currency) =>
        NoMinorUnit.Contains(currency) ? 0 : ThreeDigits.Contains(currency) ? 3 : FourDigits.Contains(currency) ? 4 : 2;

    /// <summary>
    /// An amount in currency units (a tenant's low-balance threshold) in minor units, rounded up: a threshold of
    /// 10.005 USD warns below 1001 cents, never later than asked.
    /// </summary>
    public static long ToMinorUnits(decimal amount, string currency)
    {
        var scaled = amount * Pow10(Digits(currency));
        return scaled >= long.MaxValue ? long.MaxValue : (long)decimal.Ceiling(scaled);
    }

    private static decimal Pow10(int digits)
    {
        var factor = 1m;
        for (var i = 0; i < digits; i++) factor *= 10;
        return factor;
    }
}
