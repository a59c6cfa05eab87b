using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Tenants;

public sealed class KeyFormatTests
{
    [Fact]
    public void ApiKeyTokenRoundTripsAndExposesOnlyItsIdAsPrefix()
    {
        var token = ApiKeyToken.New();
        var text = token.ToString();
        Assert.True(ApiKeyToken.TryParse(text, out var parsed));
        Assert.Equal(token, parsed);
        Assert.Equal(text[..20], ApiKeyToken.DisplayPrefix(token.KeyId));
        Assert.DoesNotContain(token.Secret, ApiKeyToken.DisplayPrefix(token.KeyId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vpk_")]
    [InlineData("vpk_abcdefghijklmnop_short")]
    [InlineData("vpk_ABCDEFGHIJKLMNOP_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("xyz_abcdefghijklmnop_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("vpk_abcdefghijklmnop-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("vpk_abcdefghijklmnop_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1")]
    public void MalformedTokensAreRejected(string text) => Assert.False(ApiKeyToken.TryParse(text, out _));

    [Fact]
    public void SecretsAreNotStoredInTheClear()
    {
        var token = ApiKeyToken.New();
        var hash = ApiKeyToken.HashSecret(token.Secret);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token.Secret, hash);
        Assert.NotEqual(hash, ApiKeyToken.HashSecret(ApiKeyToken.New().Secret));
    }

    [Fact]
    public void TenantIdsAreNeverHexSoStorageKeepsThemAsStrings()
    {
        for (var i = 0; i < 100; i++)
        {
            var id = TenantId.New().Value;
            Assert.StartsWith("tnt_", id);
            Assert.False(long.TryParse(id, System.Globalization.NumberStyles.HexNumber, null, out _));
            Assert.True(TenantId.TryParse(id, out _));
        }
        Assert.False(TenantId.TryParse("tnt_", out _));
        Assert.False(TenantId.TryParse("TNT_abcdef", out _));
        Assert.False(TenantId.TryParse("tnt_abc/def", out _));
    }

    [Fact]
    public void IdempotencyKeysMapToStableTenantIds()
    {
        Assert.Equal(TenantId.FromIdempotencyKey("a"), TenantId.FromIdempotencyKey("a"));
        Assert.NotEqual(TenantId.FromIdempotencyKey("a"), TenantId.FromIdempotencyKey("b"));
        Assert.True(TenantId.TryParse(TenantId.FromIdempotencyKey("a").Value, out _));
    }
}
