using Microsoft.Extensions.Time.Testing;
using VoicePlatform.Grains.Telephony.LiveKit;
using static VoicePlatform.Tests.LiveKit.LiveKitTestTokens;

namespace VoicePlatform.Tests.LiveKit;

public sealed class LiveKitAccessTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AServerApiTokenCarriesIssuerTimesAndOnlyTheGivenGrants()
    {
        var minter = new LiveKitAccessTokenMinter(Options(), new FakeTimeProvider(Now));

        var token = minter.ForServerApi(new LiveKitVideoGrant { RoomAdmin = true, Room = "call-1" }, new LiveKitSipGrant { Call = true });

        var header = Header(token);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        var claims = Payload(token);
        Assert.Equal(ApiKey, claims.GetProperty("iss").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), claims.GetProperty("nbf").GetInt64());
        Assert.Equal(Now.AddMinutes(10).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.False(claims.TryGetProperty("sub", out _));
        Assert.Equal("""{"roomAdmin":true,"room":"call-1"}""", claims.GetProperty("video").GetRawText());
        Assert.Equal("""{"call":true}""", claims.GetProperty("sip").GetRawText());
    }

    [Fact]
    public void AParticipantTokenNamesTheIdentityAndStatesPublishAndSubscribeExplicitly()
    {
        var minter = new LiveKitAccessTokenMinter(Options(), new FakeTimeProvider(Now));

        var token = minter.ForParticipant("supervisor-7", "call-9", canPublish: false, canSubscribe: true, TimeSpan.FromHours(1),
            name: "Supervisor", metadata: """{"role":"qa"}""", attributes: new Dictionary<string, string> { ["team"] = "blue" }, hidden: true);

        var claims = Payload(token);
        Assert.Equal("supervisor-7", claims.GetProperty("sub").GetString());
        Assert.Equal("Supervisor", claims.GetProperty("name").GetString());
        Assert.Equal("""{"role":"qa"}""", claims.GetProperty("metadata").GetString());
        Assert.Equal("blue", claims.GetProperty("attributes").GetProperty("team").GetString());
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        var video = claims.GetProperty("video");
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.Equal("call-9", video.GetProperty("room").GetString());
        Assert.False(video.GetProperty("canPublish").GetBoolean());
        Assert.True(video.GetProperty("canSubscribe").GetBoolean());
        Assert.False(video.GetProperty("canPublishData").GetBoolean());
        Assert.True(video.GetProperty("hidden").GetBoolean());
        Assert.False(claims.TryGetProperty("sip", out _));
    }

    [Fact]
    public void TheSignatureVerifiesWithTheSecretAndNotWithAnother()
    {
        var token = new LiveKitAccessTokenMinter(Options(), TimeProvider.System).ForServerApi(new LiveKitVideoGrant { RoomList = true });

        Assert.True(SignatureVerifies(token, ApiSecret));
        Assert.False(SignatureVerifies(token, ApiSecret + "x"));
    }

    [Fact]
    public void ATokenWithoutAPositiveLifetimeIsRefused()
    {
        var minter = new LiveKitAccessTokenMinter(Options(), TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(() => minter.Mint(new LiveKitTokenClaims(), TimeSpan.Zero));
    }

    [Fact]
    public void OptionsNameEachMissingSetting()
    {
        var errors = new LiveKitOptions { Url = "ftp://x", ApiKey = "", ApiSecret = " " }.Validate();

        Assert.Contains(errors, e => e.StartsWith("LiveKit:Url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("LiveKit:ApiKey", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("LiveKit:ApiSecret", StringComparison.Ordinal));
        Assert.Empty(new LiveKitOptions { Url = "wss://lk.example.com", ApiKey = "k", ApiSecret = "s" }.Validate());
        Assert.Equal("https://lk.example.com/", new LiveKitOptions { Url = "wss://lk.example.com" }.HttpBaseAddress().ToString());
        Assert.Equal("http://localhost:7880/", new LiveKitOptions { Url = "ws://localhost:7880" }.HttpBaseAddress().ToString());
    }

    [Theory]
    [InlineData("https://lk.example.com", "wss://lk.example.com")]
    [InlineData("https://lk.example.com:8443/", "wss://lk.example.com:8443")]
    [InlineData("http://127.0.0.1:7880", "ws://127.0.0.1:7880")]
    [InlineData("wss://lk.example.com", "wss://lk.example.com")]
    public void ClientsAreGivenTheWebSocketUrl(string configured, string expected) =>
        Assert.Equal(expected, new LiveKitOptions { Url = configured }.WebSocketUrl());

    [Fact]
    public void TheOptionsValidatorFailsWithTheSameMessages()
    {
        var result = new VoicePlatform.Grains.Common.ValidatedOptionsValidator<LiveKitOptions>().Validate(null, new LiveKitOptions());

        Assert.True(result.Failed);
        Assert.Contains("LiveKit:Url", result.FailureMessage, StringComparison.Ordinal);
    }
}
