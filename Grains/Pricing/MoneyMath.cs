namespace VoicePlatform.Grains.Pricing;

/// <summary>
/// Integer money arithmetic. Products are taken in <see cref="Int128"/> (a quantity near long.MaxValue times the
/// largest rate still fits) and every narrowing back to long is checked, so a result is exact or an exception,
/// never a silently wrapped amount.
/// </summary>
public static class MoneyMath
{
    public const long MicrosPerUnit = 1_000_000;
    public const int BasisPointsPerWhole = 10_000;

    /// <summary>Micro-units in one minor unit: 10,000 for cents, 1,000,000 for yen, 1,000 for fils.</summary>
    public static long MicrosPerMinorUnit(int minorDigits)
    {
        if (minorDigits is < 0 or > 6) throw new ArgumentOutOfRangeException(nameof(minorDigits), minorDigits, "A currency has 0 to 6 minor digits.");
        var micros = MicrosPerUnit;
        for (var i = 0; i < minorDigits; i++) micros /= 10;
        return micros;
    }

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, a remainder of exactly half rounding up.</summary>
    public static long DivideRoundHalfUp(Int128 numerator, Int128 denominator)
    {
        EnsureNonNegative(numerator, denominator);
        var quotient = Int128.DivRem(numerator, denominator);
        var result = quotient.Quotient + (quotient.Remainder * 2 >= denominator ? 1 : 0);
        return checked((long)result);
    }

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, any remainder rounding up.</summary>
    public static long DivideRoundUp(Int128 numerator, Int128 denominator)
    {
        EnsureNonNegative(numerator, denominator);
        var quotient = Int128.DivRem(numerator, denominator);
        return checked((long)(quotient.Quotient + (quotient.Remainder > 0 ? 1 : 0)));
    }

    /// <summary>A rate with a markup (positive) or discount (negative) in basis points, rounded half up to a whole micro-unit.</summary>
    public static long Adjust(long rateMicros, int basisPoints) =>
        basisPoints == 0 ? rateMicros : DivideRoundHalfUp((Int128)rateMicros * (BasisPointsPerWhole + basisPoints), BasisPointsPerWhole);

    private static void EnsureNonNegative(Int128 numerator, Int128 denominator)
    {
        if (numerator < 0) throw new ArgumentOutOfRangeException(nameof(numerator), "Money amounts here are never negative.");
        if (denominator <= 0) throw new ArgumentOutOfRangeException(nameof(denominator), "The divisor must be positive.");
    }
}
