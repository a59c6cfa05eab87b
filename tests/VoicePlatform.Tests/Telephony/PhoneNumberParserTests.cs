using VoicePlatform.Telephony;

namespace VoicePlatform.Tests.Telephony;

public sealed class PhoneNumberParserTests
{
    [Theory]
    [InlineData("+1 650-253-0000", "+16502530000")]
    [InlineData("+1 (650) 253 0000", "+16502530000")]
    [InlineData("  +16502530000 ", "+16502530000")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+49 30 901820", "+4930901820")]
    public void NumbersTypedAsPeopleWriteThemBecomeE164(string input, string e164)
    {
        Assert.True(PhoneNumberParser.TryParse(input, out var number, out var error), error);
        Assert.Equal(e164, number.Value);
    }

    [Fact]
    public void AParsedNumberKnowsItsRegionCountryCodeAndTimeZones()
    {
        Assert.True(PhoneNumberParser.TryParse("+1 650-253-0000", out var number, out _));
        Assert.Equal("US", number.RegionCode);
        Assert.Equal(1, number.CountryCode);
        Assert.Contains("America/Los_Angeles", number.TimeZones);

        Assert.True(PhoneNumberParser.TryParse("+44 20 7946 0958", out var london, out _));
        Assert.Equal("GB", london.RegionCode);
        Assert.Equal(["Europe/London"], london.TimeZones);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6502530000")]
    [InlineData("+1 123")]
    [InlineData("+1 000-000-0000")]
    [InlineData("call me")]
    [InlineData("+999 123456789")]
    public void InvalidNumbersAreRefusedWithAReason(string? input)
    {
        Assert.False(PhoneNumberParser.TryParse(input, out var number, out var error));
        Assert.Null(number);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void OverlongInputIsRefusedBeforeParsing()
    {
        Assert.False(PhoneNumberParser.TryParse("+1" + new string('5', 100), out _, out var error));
        Assert.Contains("64", error);
    }

    [Theory]
    [InlineData("+16502530000", true)]
    [InlineData("+1 650-253-0000", false)]
    [InlineData("+1650253000", false)]
    public void OnlyTheNormalisedFormCountsAsE164(string value, bool expected) =>
        Assert.Equal(expected, PhoneNumberParser.IsE164(value));
}
