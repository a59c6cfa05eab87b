using System.Text;
using System.Text.Json.Nodes;
using VoicePlatform.Grains.Telephony.LiveKit;
using static VoicePlatform.Tests.LiveKit.LiveKitTestTokens;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>Our tokens and webhook signatures, judged by the official livekit-server-sdk for Node.</summary>
public sealed class LiveKitNodeCrossCheckTests
{
    private static readonly LiveKitWebhookEvent Joined = new()
    {
        Event = "participant_joined",
        Id = "EV_cross",
        CreatedAt = 1772366460,
        Room = new LiveKitRoom { Sid = "RM_1", Name = "call-1" },
        Participant = new LiveKitParticipantInfo
        {
            Sid = "PA_1", Identity = "sip_+15551234567", Kind = "SIP", JoinedAt = 1772366401,
            Attributes = new Dictionary<string, string> { ["sip.callStatus"] = "dialing" },
        },
    };

    [Fact]
    public async Task TheNodeSdkVerifiesOurServerApiTokenWithItsGrants()
    {
        var token = new LiveKitAccessTokenMinter(Options(), TimeProvider.System)
            .ForServerApi(new LiveKitVideoGrant { RoomAdmin = true, Room = "call-1" }, new LiveKitSipGrant { Call = true });

        var result = await NodeLiveKitSdk.CheckAsync(new JsonObject { ["apiKey"] = ApiKey, ["apiSecret"] = ApiSecret, ["token"] = token });

        var verified = result.GetProperty("token");
        Assert.True(verified.GetProperty("ok").GetBoolean(), verified.ToString());
        var claims = verified.GetProperty("claims");
        Assert.Equal(ApiKey, claims.GetProperty("iss").GetString());
        Assert.True(claims.GetProperty("video").GetProperty("roomAdmin").GetBoolean());
        Assert.Equal("call-1", claims.GetProperty("video").GetProperty("room").GetString());
        Assert.True(claims.GetProperty("sip").GetProperty("call").GetBoolean());
        Assert.True(claims.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task TheNodeSdkVerifiesOurParticipantTokenAndRejectsItUnderAnotherSecret()
    {
        var token = new LiveKitAccessTokenMinter(Options(), TimeProvider.System)
            .ForParticipant("browser-1", "call-1", canPublish: true, canSubscribe: true, TimeSpan.FromMinutes(30), name: "Tester");

        var good = await NodeLiveKitSdk.CheckAsync(new JsonObject { ["apiKey"] = ApiKey, ["apiSecret"] = ApiSecret, ["token"] = token });
        var bad = await NodeLiveKitSdk.CheckAsync(new JsonObject { ["apiKey"] = ApiKey, ["apiSecret"] = ApiSecret + "x", ["token"] = token });

        var claims = good.GetProperty("token").GetProperty("claims");
        Assert.Equal("browser-1", claims.GetProperty("sub").GetString());
        Assert.Equal("Tester", claims.GetProperty("name").GetString());
        Assert.True(claims.GetProperty("video").GetProperty("roomJoin").GetBoolean());
        Assert.True(claims.GetProperty("video").GetProperty("canPublish").GetBoolean());
        Assert.False(bad.GetProperty("token").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task TheNodeSdkAcceptsOurSignedWebhookAndRejectsATamperedOne()
    {
        var signer = new LiveKitWebhookSigner(Options(), TimeProvider.System);
        var body = Encoding.UTF8.GetString(LiveKitWebhookSigner.Serialize(Joined));
        var auth = signer.Sign(Encoding.UTF8.GetBytes(body));

        var accepted = await NodeLiveKitSdk.CheckAsync(Webhook(body, auth));
        var tampered = await NodeLiveKitSdk.CheckAsync(Webhook(body.Replace("dialing", "active"), auth));

        var webhook = accepted.GetProperty("webhook");
        Assert.True(webhook.GetProperty("ok").GetBoolean(), webhook.ToString());
        var parsed = webhook.GetProperty("event");
        Assert.Equal("participant_joined", parsed.GetProperty("event").GetString());
        Assert.Equal("EV_cross", parsed.GetProperty("id").GetString());
        Assert.Equal("1772366460", parsed.GetProperty("createdAt").GetString());
        Assert.Equal("SIP", parsed.GetProperty("participant").GetProperty("kind").GetString());
        Assert.Equal("1772366401", parsed.GetProperty("participant").GetProperty("joinedAt").GetString());
        var rejected = tampered.GetProperty("webhook");
        Assert.False(rejected.GetProperty("ok").GetBoolean());
        Assert.Contains("sha256", rejected.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheNodeSdkRejectsAWebhookSignedForAnotherKey()
    {
        var body = Encoding.UTF8.GetString(LiveKitWebhookSigner.Serialize(Joined));
        var auth = new LiveKitWebhookSigner(Options(key: "APIother"), TimeProvider.System).Sign(Encoding.UTF8.GetBytes(body));

        var result = await NodeLiveKitSdk.CheckAsync(Webhook(body, auth));

        Assert.False(result.GetProperty("webhook").GetProperty("ok").GetBoolean());
    }

    private static JsonObject Webhook(string body, string auth) => new()
    {
        ["apiKey"] = ApiKey,
        ["apiSecret"] = ApiSecret,
        ["webhook"] = new JsonObject { ["body"] = body, ["auth"] = auth },
    };
}
