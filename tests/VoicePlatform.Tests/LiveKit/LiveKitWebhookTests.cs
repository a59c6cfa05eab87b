using System.Text;
using Microsoft.Extensions.Time.Testing;
using VoicePlatform.Grains.Telephony.LiveKit;
using static VoicePlatform.Tests.LiveKit.LiveKitTestTokens;

namespace VoicePlatform.Tests.LiveKit;

public sealed class LiveKitWebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Shaped like a real protojson delivery: camelCase, int64 as strings, enums as names.
    private static readonly byte[] ParticipantLeft = Encoding.UTF8.GetBytes(
        """
        {"event":"participant_left","room":{"sid":"RM_abc","name":"call-1","creationTime":"1772366400","emptyTimeout":300},
         "participant":{"sid":"PA_x","identity":"sip_+15551234567","state":"DISCONNECTED","joinedAt":"1772366401",
         "kind":"SIP","attributes":{"sip.callID":"SCL_1","sip.callStatus":"hangup"},"disconnectReason":"USER_REJECTED",
         "permission":{"canSubscribe":true,"canPublish":true},"futureField":{"x":1}},
         "id":"EV_123","createdAt":"1772366460","roomEndReason":"ROOM_END_API_DELETE"}
        """);

    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void ASignedDeliveryIsAcceptedAndParsed()
    {
        var auth = new LiveKitWebhookSigner(Options(), _time).Sign(ParticipantLeft);

        var result = Verifier().Verify(ParticipantLeft, auth);

        Assert.True(result.IsValid, result.FailureReason);
        var e = result.Event!;
        Assert.Equal("participant_left", e.Event);
        Assert.Equal("EV_123", e.Id);
        Assert.Equal(1772366460, e.CreatedAt);
        Assert.Equal("call-1", e.Room!.Name);
        Assert.Equal(1772366400, e.Room.CreationTime);
        Assert.Equal(300u, e.Room.EmptyTimeout);
        Assert.Equal("sip_+15551234567", e.Participant!.Identity);
        Assert.True(e.Participant.IsSip);
        Assert.Equal("USER_REJECTED", e.Participant.DisconnectReason);
        Assert.Equal("SCL_1", e.Participant.Attributes["sip.callID"]);
        Assert.Equal("hangup", e.Participant.SipCallStatus);
        Assert.True(e.Participant.Permission!.CanPublish);
        Assert.Equal("ROOM_END_API_DELETE", e.RoomEndReason);
    }

    [Fact]
    public void ANumericCreatedAtAndSnakeCaseNamesAreAcceptedToo()
    {
        var body = """{"event":"room_started","id":"EV_9","created_at":1772366460,"room":{"name":"r","creation_time":1772366400}}"""u8.ToArray();
        var auth = new LiveKitWebhookSigner(Options(), _time).Sign(body);

        var result = Verifier().Verify(body, auth);

        Assert.True(result.IsValid, result.FailureReason);
        Assert.Equal(1772366460, result.Event!.CreatedAt);
        Assert.Equal(1772366400, result.Event.Room!.CreationTime);
        Assert.Null(result.Event.Participant);
    }

    [Fact]
    public void ATamperedBodyIsRejected()
    {
        var auth = new LiveKitWebhookSigner(Options(), _time).Sign(ParticipantLeft);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ParticipantLeft).Replace("USER_REJECTED", "CLIENT_INITIATED"));

        var result = Verifier().Verify(tampered, auth);

        Assert.False(result.IsValid);
        Assert.Contains("sha256", result.FailureReason);
    }

    [Fact]
    public void ATokenSignedWithAnotherSecretIsRejected()
    {
        var auth = new LiveKitWebhookSigner(Options(secret: "someone-elses-secret-0123456789abcdef"), _time).Sign(ParticipantLeft);

        Assert.Equal("token signature is invalid", Verifier().Verify(ParticipantLeft, auth).FailureReason);
    }

    [Fact]
    public void ATokenFromAnotherApiKeyIsRejected()
    {
        var auth = new LiveKitWebhookSigner(Options(key: "APIsomeoneElse"), _time).Sign(ParticipantLeft);

        Assert.Equal("token issuer is not our API key", Verifier().Verify(ParticipantLeft, auth).FailureReason);
    }

    [Fact]
    public void AnExpiredTokenIsRejectedButSmallClockSkewIsTolerated()
    {
        var auth = new LiveKitWebhookSigner(Options(), _time).Sign(ParticipantLeft);
        var verifier = Verifier();

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5));
        Assert.True(verifier.Verify(ParticipantLeft, auth).IsValid);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("token has expired", verifier.Verify(ParticipantLeft, auth).FailureReason);
    }

    [Fact]
    public void ATokenFromTheFutureIsRejected()
    {
        var auth = new LiveKitWebhookSigner(Options(), new FakeTimeProvider(Now.AddMinutes(2))).Sign(ParticipantLeft);

        Assert.Equal("token is not valid yet", Verifier().Verify(ParticipantLeft, auth).FailureReason);
    }

    [Fact]
    public void ATokenWithoutExpiryIsRejected()
    {
        var signed = new LiveKitWebhookSigner(Options(), _time).Sign(ParticipantLeft);
        var withoutExp = Reencode(signed, payload =>
        {
            var claims = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
            claims.Remove("exp");
            return claims.ToJsonString();
        }, ApiSecret);

        Assert.Equal("token has no exp", Verifier().Verify(ParticipantLeft, withoutExp).FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AMissingAuthorizationHeaderIsRejected(string? header)
    {
        Assert.Equal("missing Authorization header", Verifier().Verify(ParticipantLeft, header).FailureReason);
    }

    [Fact]
    public void ABearerPrefixedHeaderIsRejectedBecauseLiveKitSendsTheBareToken()
    {
        var auth = new LiveKitWebhookSigner(Options(), _time).Sign(ParticipantLeft);

        var result = Verifier().Verify(ParticipantLeft, "Bearer " + auth);

        Assert.False(result.IsValid);
        Assert.Contains("Bearer", result.FailureReason);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9..sig")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJBUEl0ZXN0S2V5MTIzNCJ9.")]
    public void AMalformedTokenIsRejected(string header)
    {
        var result = Verifier().Verify(ParticipantLeft, header);

        Assert.False(result.IsValid);
        Assert.NotNull(result.FailureReason);
    }

    [Fact]
    public void AnotherAlgorithmIsRejectedEvenWithAValidMac()
    {
        var signed = new LiveKitWebhookSigner(Options(), _time).Sign(ParticipantLeft);
        var parts = signed.Split('.');
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"HS512","typ":"JWT"}"""u8);

        Assert.Equal("token algorithm is not HS256", Verifier().Verify(ParticipantLeft, $"{header}.{parts[1]}.{parts[2]}").FailureReason);
    }

    [Fact]
    public void AValidTokenOverABodyThatIsNotAnEventIsRejected()
    {
        var body = "[1,2,3]"u8.ToArray();
        var auth = new LiveKitWebhookSigner(Options(), _time).Sign(body);

        Assert.Equal("body is not a webhook event", Verifier().Verify(body, auth).FailureReason);
    }

    [Fact]
    public async Task TheSignerSendsWhatLiveKitSends()
    {
        var signer = new LiveKitWebhookSigner(Options(), _time);
        var webhookEvent = new LiveKitWebhookEvent
        {
            Event = "participant_joined",
            Id = "EV_1",
            CreatedAt = 1772366460,
            Room = new LiveKitRoom { Sid = "RM_1", Name = "call-1" },
            Participant = new LiveKitParticipantInfo
            {
                Identity = "sip_1", Kind = "SIP", JoinedAt = 1772366401,
                Attributes = new Dictionary<string, string> { ["sip.callStatus"] = "dialing" },
            },
        };

        using var request = signer.CreateRequest(new Uri("http://127.0.0.1/hooks/livekit"), webhookEvent);

        var body = await request.Content!.ReadAsByteArrayAsync();
        Assert.Equal(
            """{"event":"participant_joined","room":{"sid":"RM_1","name":"call-1"},"participant":{"identity":"sip_1","joinedAt":"1772366401","kind":"SIP","attributes":{"sip.callStatus":"dialing"}},"id":"EV_1","createdAt":"1772366460"}""",
            Encoding.UTF8.GetString(body));
        Assert.Equal("application/webhook+json", request.Content.Headers.ContentType!.MediaType);
        Assert.Equal("LiveKit", request.Headers.UserAgent.ToString());
        var auth = request.Headers.GetValues("Authorization").Single();
        Assert.DoesNotContain(" ", auth);
        var claims = Payload(auth);
        Assert.Equal(Now.AddMinutes(5).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body)), claims.GetProperty("sha256").GetString());
        Assert.True(Verifier().Verify(body, auth).IsValid);
    }

    private LiveKitWebhookVerifier Verifier() => new(Options(), _time);
}
