using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Tenants;

public sealed class TenantRulesTests
{
    [Fact]
    public void DefaultSettingsAreValid()
    {
        var errors = new Dictionary<string, string[]>();
        TenantRules.Validate(TenantSettings.Default, "", errors);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("America/New_York", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("Eastern Standard Time", false)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("", false)]
    public void TimeZonesMustBeIana(string zone, bool valid)
    {
        var errors = new Dictionary<string, string[]>();
        TenantRules.Validate(TenantSettings.Default with { DefaultTimeZone = zone }, "", errors);
        Assert.Equal(valid, !errors.ContainsKey("defaultTimeZone"));
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("EUR", true)]
    [InlineData("usd", false)]
    [InlineData("XXX1", false)]
    [InlineData("ABC", false)]
    public void CurrenciesMustBeIso4217(string currency, bool valid)
    {
        var errors = new Dictionary<string, string[]>();
        TenantRules.Validate(TenantSettings.Default with { Currency = currency }, "", errors);
        Assert.Equal(valid, !errors.ContainsKey("currency"));
    }

    [Fact]
    public void EnsureValidNamesEveryBrokenField()
    {
        var error = Assert.Throws<ArgumentException>(() => TenantRules.EnsureValid("", TenantSettings.Default with { ConcurrencyLimit = 0, LowBalanceThreshold = -1 }));
        Assert.Contains("name", error.Message);
        Assert.Contains("settings.concurrencyLimit", error.Message);
        Assert.Contains("settings.lowBalanceThreshold", error.Message);
    }

    [Fact]
    public void PatchKeepsWhatItDoesNotMention()
    {
        var settings = TenantSettings.Default with { Currency = "EUR", ConcurrencyLimit = 3 };
        var patched = new TenantSettingsPatch { ConcurrencyLimit = 7 }.ApplyTo(settings);
        Assert.Equal("EUR", patched.Currency);
        Assert.Equal(7, patched.ConcurrencyLimit);
    }
}
