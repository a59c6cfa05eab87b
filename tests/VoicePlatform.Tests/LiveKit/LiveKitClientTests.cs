using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Telephony.LiveKit;
using static VoicePlatform.Tests.LiveKit.LiveKitTestTokens;

namespace VoicePlatform.Tests.LiveKit;

public sealed class LiveKitClientTests : IAsyncLifetime
{
    private const string Dial = "/twirp/livekit.SIP/CreateSIPParticipant";
    private const string ListRooms = "/twirp/livekit.RoomService/ListRooms";

    private FakeLiveKitServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeLiveKitServer.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task CreateSipParticipantPostsProtoNamesAndDurationStringsWithOnlyTheSipCallGrant()
    {
        _server.On(Dial, """{"participant_id":"PA_1","participant_identity":"callee","room_name":"call-1","sip_call_id":"SCL_1","future":[1]}""");

        var info = await Client().CreateSipParticipantAsync(new LiveKitCreateSipParticipantRequest
        {
            SipTrunkId = "ST_trunk",
            SipCallTo = "+15551234567",
            SipNumber = "+15550000001",
            RoomName = "call-1",
            ParticipantIdentity = "callee",
            ParticipantName = "Lead 42",
            ParticipantMetadata = """{"leadId":"42"}""",
            ParticipantAttributes = new Dictionary<string, string> { ["vp.callId"] = "CL_1" },
            RingingTimeout = TimeSpan.FromSeconds(30),
            MaxCallDuration = TimeSpan.FromMinutes(20),
            WaitUntilAnswered = true,
        });

        Assert.Equal(new LiveKitSipParticipantInfo { ParticipantId = "PA_1", ParticipantIdentity = "callee", RoomName = "call-1", SipCallId = "SCL_1" }, info);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(Dial, request.Path);
        Assert.Equal("application/json", request.ContentType);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("ST_trunk", body.GetProperty("sip_trunk_id").GetString());
        Assert.Equal("+15551234567", body.GetProperty("sip_call_to").GetString());
        Assert.Equal("+15550000001", body.GetProperty("sip_number").GetString());
        Assert.Equal("call-1", body.GetProperty("room_name").GetString());
        Assert.Equal("callee", body.GetProperty("participant_identity").GetString());
        Assert.Equal("Lead 42", body.GetProperty("participant_name").GetString());
        Assert.Equal("""{"leadId":"42"}""", body.GetProperty("participant_metadata").GetString());
        Assert.Equal("CL_1", body.GetProperty("participant_attributes").GetProperty("vp.callId").GetString());
        Assert.Equal("30s", body.GetProperty("ringing_timeout").GetString());
        Assert.Equal("1200s", body.GetProperty("max_call_duration").GetString());
        Assert.True(body.GetProperty("wait_until_answered").GetBoolean());
        Assert.False(body.TryGetProperty("dtmf", out _));
        var claims = BearerClaims(request);
        Assert.Equal("""{"call":true}""", claims.GetProperty("sip").GetRawText());
        Assert.False(claims.TryGetProperty("video", out _));
        Assert.True(claims.GetProperty("exp").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task EachMethodUsesItsPathAndExactlyTheGrantsItNeeds()
    {
        var client = Client();
        _server.On("/twirp/livekit.RoomService/ListParticipants", """{"participants":[{"sid":"PA_1","identity":"a","joined_at":"1772366401","kind":"SIP","permission":null,"attributes":{"sip.callStatus":"active"}}]}""");
        _server.On("/twirp/livekit.SIP/ListSIPOutboundTrunk", """{"items":[{"sip_trunk_id":"ST_1","name":"t","address":"sip.example.com","numbers":["+15550000001"],"transport":"SIP_TRANSPORT_AUTO"}]}""");

        await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "r1", EmptyTimeoutSeconds = 60 });
        await client.DeleteRoomAsync("r1");
        await client.ListRoomsAsync();
        var participants = await client.ListParticipantsAsync("r1");
        await client.RemoveParticipantAsync("r1", "a");
        await client.SendDataAsync("r1", [1, 2, 3], topic: "events", destinationIdentities: ["a"]);
        await client.UpdateRoomMetadataAsync("r1", "{}");
        await client.TransferSipParticipantAsync(new LiveKitTransferSipParticipantRequest { ParticipantIdentity = "a", RoomName = "r1", TransferTo = "tel:+15551112222" });
        await client.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.com", Numbers = ["+15550000001"] });
        var trunks = await client.ListSipOutboundTrunksAsync();
        await client.CreateDispatchAsync("r1", "voice-agent", """{"persona":"P_1"}""");
        await client.StartRoomCompositeEgressAsync(new LiveKitAudioEgressRequest { RoomName = "r1", Filepath = "calls/r1.ogg" });

        string Grants(string method) => Grant(_server.Requests.Single(r => r.Path.EndsWith("/" + method, StringComparison.Ordinal)));
        Assert.Equal("""video={"roomCreate":true}""", Grants("CreateRoom"));
        Assert.Equal("""video={"roomCreate":true}""", Grants("DeleteRoom"));
        Assert.Equal("""video={"roomList":true}""", Grants("ListRooms"));
        foreach (var method in new[] { "ListParticipants", "RemoveParticipant", "SendData", "UpdateRoomMetadata", "CreateDispatch" })
            Assert.Equal("""video={"roomAdmin":true,"room":"r1"}""", Grants(method));
        Assert.Equal("""video={"roomAdmin":true,"room":"r1"} sip={"call":true}""", Grants("TransferSIPParticipant"));
        Assert.Equal("""sip={"admin":true}""", Grants("CreateSIPOutboundTrunk"));
        Assert.Equal("""sip={"admin":true}""", Grants("ListSIPOutboundTrunk"));
        Assert.Equal("""video={"roomRecord":true}""", Grants("StartRoomCompositeEgress"));
        Assert.Contains(_server.Requests, r => r.Path == "/twirp/livekit.AgentDispatchService/CreateDispatch");
        Assert.Contains(_server.Requests, r => r.Path == "/twirp/livekit.Egress/StartRoomCompositeEgress");

        Assert.Equal("""{"name":"r1","empty_timeout":60}""", Body("CreateRoom"));
        Assert.Equal("""{"room":"r1","identity":"a"}""", Body("RemoveParticipant"));
        Assert.Equal("""{"room":"r1","data":"AQID","kind":"RELIABLE","destination_identities":["a"],"topic":"events"}""", Body("SendData"));
        Assert.Equal("""{"participant_identity":"a","room_name":"r1","transfer_to":"tel:\u002B15551112222"}""", Body("TransferSIPParticipant"));
        Assert.Equal("""{"trunk":{"name":"t","address":"sip.example.com","numbers":["\u002B15550000001"]}}""", Body("CreateSIPOutboundTrunk"));
        Assert.Equal("""{"agent_name":"voice-agent","room":"r1","metadata":"{\u0022persona\u0022:\u0022P_1\u0022}"}""", Body("CreateDispatch"));
        Assert.Equal("""{"room_name":"r1","audio_only":true,"file_outputs":[{"file_type":"OGG","filepath":"calls/r1.ogg"}]}""", Body("StartRoomCompositeEgress"));

        var participant = Assert.Single(participants);
        Assert.Equal(1772366401, participant.JoinedAt);
        Assert.Null(participant.Permission);
        Assert.Equal("active", participant.SipCallStatus);
        Assert.Equal("ST_1", Assert.Single(trunks).SipTrunkId);
    }

    [Fact]
    public async Task RepliesAreParsedFromStringInt64sCamelCaseNamesAndNullSubMessages()
    {
        _server.On(ListRooms, """{"rooms":[{"sid":"RM_1","name":"r1","creationTime":"1772366400","num_participants":2,"metadata":"m","version":null,"unknown":{"a":1}}],"extra":true}""");

        var room = Assert.Single(await Client().ListRoomsAsync(["r1"]));

        Assert.Equal("RM_1", room.Sid);
        Assert.Equal(1772366400, room.CreationTime);
        Assert.Equal(2u, room.NumParticipants);
        Assert.Equal("""{"names":["r1"]}""", Assert.Single(_server.Requests).Body);
    }

    [Fact]
    public async Task ATwirpErrorBecomesATypedErrorWithTheSipStatus()
    {
        _server.On(Dial, _ => new FakeLiveKitServer.Reply(429,
            """{"code":"resource_exhausted","msg":"INVITE failed: Busy Here","meta":{"sip_status_code":"486","sip_status":"Busy Here"}}"""));

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() => Client().CreateSipParticipantAsync(DialRequest()));

        Assert.Equal("resource_exhausted", error.Code);
        Assert.Equal("INVITE failed: Busy Here", error.Message);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(486, error.SipStatusCode);
        Assert.Equal("Busy Here", error.SipStatus);
        Assert.Equal("486", error.Meta["sip_status_code"]);
    }

    [Fact]
    public async Task APlainTextAuthFailureBecomesUnauthenticated()
    {
        _server.On(ListRooms, _ => new FakeLiveKitServer.Reply(401, "invalid authorization token: expired", "text/plain"));

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() => Client().ListRoomsAsync());

        Assert.Equal("unauthenticated", error.Code);
        Assert.Equal(401, error.HttpStatus);
        Assert.Null(error.SipStatusCode);
        Assert.Equal(1, _server.CountOf(ListRooms));
    }

    [Fact]
    public async Task ListRoomsIsRetriedWhileLiveKitIsUnavailable()
    {
        _server.On(ListRooms, attempt => attempt < 3
            ? new FakeLiveKitServer.Reply(503, """{"code":"unavailable","msg":"no nodes"}""")
            : new FakeLiveKitServer.Reply(200, """{"rooms":[{"name":"r1"}]}"""));

        var rooms = await Client().ListRoomsAsync();

        Assert.Equal("r1", Assert.Single(rooms).Name);
        Assert.Equal(3, _server.CountOf(ListRooms));
    }

    [Fact]
    public async Task CreateSipParticipantIsNotRetriedOnUnavailable()
    {
        _server.On(Dial, _ => new FakeLiveKitServer.Reply(503, """{"code":"unavailable","msg":"sip bridge busy"}"""));

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() => Client().CreateSipParticipantAsync(DialRequest()));

        Assert.Equal("unavailable", error.Code);
        Assert.Equal(1, _server.CountOf(Dial));
    }

    [Fact]
    public async Task CreateSipParticipantIsNotRetriedAfterATimeout()
    {
        _server.On(Dial, _ => null);

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() =>
            Client(requestTimeout: TimeSpan.FromMilliseconds(300)).CreateSipParticipantAsync(DialRequest()));

        Assert.Equal("deadline_exceeded", error.Code);
        Assert.Null(error.HttpStatus);
        Assert.Equal(1, _server.CountOf(Dial));
    }

    [Fact]
    public async Task CreateDispatchIsNotRetriedOnAServerError()
    {
        const string path = "/twirp/livekit.AgentDispatchService/CreateDispatch";
        _server.On(path, _ => new FakeLiveKitServer.Reply(503, """{"code":"unavailable","msg":"later"}"""));

        await Assert.ThrowsAsync<LiveKitTwirpException>(() => Client().CreateDispatchAsync("r1", "voice-agent", "{}"));

        Assert.Equal(1, _server.CountOf(path));
    }

    [Fact]
    public async Task AConnectionRefusedIsAnUnsentUnavailableError()
    {
        var port = Infrastructure.FreePorts.Next();
        var client = new LiveKitClient(_http, Options($"http://127.0.0.1:{port}", maxAttempts: 2), TimeProvider.System, NullLogger<LiveKitClient>.Instance);

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() => client.CreateDispatchAsync("r1", "voice-agent"));

        Assert.Equal("unavailable", error.Code);
        Assert.True(error.RequestNotSent);
    }

    private static LiveKitCreateSipParticipantRequest DialRequest() => new()
    {
        SipTrunkId = "ST_trunk", SipCallTo = "+15551234567", RoomName = "call-1", ParticipantIdentity = "callee",
    };

    private LiveKitClient Client(TimeSpan? requestTimeout = null) =>
        new(_http, Options(_server.Url, requestTimeout: requestTimeout), TimeProvider.System, NullLogger<LiveKitClient>.Instance);

    private static IOptions<LiveKitOptions> Options(string url, TimeSpan? requestTimeout = null, int maxAttempts = 4) =>
        Microsoft.Extensions.Options.Options.Create(new LiveKitOptions
        {
            Url = url,
            ApiKey = ApiKey,
            ApiSecret = ApiSecret,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            MaxAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.Zero,
        });

    private string Body(string method) => _server.Requests.Single(r => r.Path.EndsWith("/" + method, StringComparison.Ordinal)).Body;

    private static JsonElement BearerClaims(FakeLiveKitServer.Recorded request)
    {
        Assert.StartsWith("Bearer ", request.Authorization);
        var token = request.Authorization!["Bearer ".Length..];
        Assert.True(SignatureVerifies(token, ApiSecret));
        var claims = Payload(token);
        Assert.Equal(ApiKey, claims.GetProperty("iss").GetString());
        return claims;
    }

    private static string Grant(FakeLiveKitServer.Recorded request)
    {
        var claims = BearerClaims(request);
        var parts = new List<string>();
        if (claims.TryGetProperty("video", out var video)) parts.Add("video=" + video.GetRawText());
        if (claims.TryGetProperty("sip", out var sip)) parts.Add("sip=" + sip.GetRawText());
        return string.Join(' ', parts);
    }
}
