using VoicePlatform.Common;
using VoicePlatform.Grains.Pricing;

namespace VoicePlatform.Tests.Pricing;

public sealed class MoneyMathTests
{
    [Theory]
    [InlineData(0, 1_000_000)]
    [InlineData(2, 10_000)]
    [InlineData(3, 1_000)]
    [InlineData(4, 100)]
    public void AMinorUnitHoldsTheRightNumberOfMicroUnits(int digits, long micros) => Assert.Equal(micros, MoneyMath.MicrosPerMinorUnit(digits));

    [Theory]
    [InlineData(14, 10, 1)]
    [InlineData(15, 10, 2)]
    [InlineData(25, 10, 3)]
    [InlineData(5, 3, 2)]    // 1.67
    [InlineData(4, 3, 1)]    // 1.33
    [InlineData(0, 7, 0)]
    public void DivisionRoundsHalfUp(long numerator, long denominator, long expected) => Assert.Equal(expected, MoneyMath.DivideRoundHalfUp(numerator, denominator));

    [Theory]
    [InlineData(10, 10, 1)]
    [InlineData(11, 10, 2)]
    [InlineData(0, 10, 0)]
    public void DivisionCanRoundUp(long numerator, long denominator, long expected) => Assert.Equal(expected, MoneyMath.DivideRoundUp(numerator, denominator));

    [Fact]
    public void NegativeAmountsAndBadDivisorsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyMath.DivideRoundHalfUp(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyMath.DivideRoundUp(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyMath.MicrosPerMinorUnit(7));
    }

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("CHF", 2)]
    public void CurrenciesKnowTheirMinorDigits(string code, int digits)
    {
        Assert.True(Currencies.IsKnown(code));
        Assert.Equal(digits, Currencies.MinorDigits(code));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("XYZ")]
    [InlineData(null)]
    public void OnlyUpperCaseIsoCodesAreCurrencies(string? code) => Assert.False(Currencies.IsKnown(code));
}
