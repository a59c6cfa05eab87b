using VoicePlatform.Common;

namespace VoicePlatform.Wallets;

/// <summary>Amounts in currency units (a tenant's low-balance threshold) as the wallet's integer minor units.</summary>
public static class CurrencyMinorUnits
{
    /// <summary>
    /// <paramref name="amount"/> in minor units of <paramref name="currency"/> (<see cref="Currencies.MinorDigits"/>),
    /// rounded up: a threshold of 10.005 USD warns below 1,001 cents, never later than asked.
    /// </summary>
    public static long ToMinorUnits(decimal amount, string currency)
    {
        var scaled = amount;
        for (var i = 0; i < Currencies.MinorDigits(currency); i++) scaled *= 10;
        return scaled >= long.MaxValue ? long.MaxValue : (long)decimal.Ceiling(scaled);
    }
}
