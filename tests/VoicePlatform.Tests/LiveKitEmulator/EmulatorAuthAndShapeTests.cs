using System.Text.Json.Nodes;

namespace VoicePlatform.Tests.LiveKitEmulator;

public sealed class EmulatorAuthAndShapeTests : IAsyncLifetime
{
    private EmulatorUnderTest _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorUnderTest.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task MissingAuthorizationIsTwirpUnauthenticated()
    {
        var response = await _emulator.CallAsync("RoomService/ListRooms", new { }, token: null);
        Assert.Equal(401, response.Status);
        Assert.Equal("unauthenticated", response.Code);
        Assert.Equal("permissions denied", response.Json!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiredWrongSecretOrNoBearerTokensArePlainText401()
    {
        var expired = TestTokens.Make(new JsonObject { ["video"] = new JsonObject { ["roomList"] = true } }, now: DateTimeOffset.UtcNow.AddHours(-1));
        var wrongSecret = TestTokens.Make(new JsonObject { ["video"] = new JsonObject { ["roomList"] = true } }, secret: "another-secret");
        foreach (var authorization in new[] { "Bearer " + expired, "Bearer " + wrongSecret, TestTokens.RoomList() })
        {
            var response = await _emulator.CallRawAsync("RoomService/ListRooms", "{}", authorization);
            Assert.Equal(401, response.Status);
            Assert.Equal("text/plain", response.ContentType);
            Assert.StartsWith("invalid authorization token", response.Text);
        }
    }

    [Fact]
    public async Task MissingGrantIsUnauthenticatedNotPermissionDenied()
    {
        var listWithCreateGrant = await _emulator.CallAsync("RoomService/ListRooms", new { }, TestTokens.RoomCreate());
        var participantsOfOtherRoom = await _emulator.CallAsync("RoomService/ListParticipants", new { room = "a" }, TestTokens.RoomAdmin("b"));
        var dialWithRoomGrant = await _emulator.CallAsync("SIP/CreateSIPParticipant", new { sip_trunk_id = "ST_x", sip_call_to = "+1", room_name = "a" }, TestTokens.RoomCreate());
        foreach (var response in new[] { listWithCreateGrant, participantsOfOtherRoom, dialWithRoomGrant })
        {
            Assert.Equal(401, response.Status);
            Assert.Equal("unauthenticated", response.Code);
        }
    }

    [Fact]
    public async Task WrongContentTypeVerbOrPathIsBadRoute()
    {
        var text = await _emulator.CallAsync("RoomService/ListRooms", "{}", TestTokens.RoomList(), "text/plain");
        var unknown = await _emulator.CallAsync("RoomService/NoSuchMethod", "{}", TestTokens.RoomList());
        Assert.Equal((404, "bad_route"), (text.Status, text.Code));
        Assert.Equal((404, "bad_route"), (unknown.Status, unknown.Code));
    }

    [Fact]
    public async Task UndecodableBodyIsMalformedAndBareNumberDurationIsRejected()
    {
        var garbage = await _emulator.CallAsync("RoomService/CreateRoom", "{not json", TestTokens.RoomCreate());
        var bareDuration = await _emulator.CallAsync("SIP/CreateSIPParticipant",
            new { sip_trunk_id = "ST_x", sip_call_to = "+1", room_name = "a", ringing_timeout = 30 }, TestTokens.SipCall());
        Assert.Equal((400, "malformed"), (garbage.Status, garbage.Code));
        Assert.Equal((400, "malformed"), (bareDuration.Status, bareDuration.Code));
    }

    [Fact]
    public async Task CreateRoomAnswersSnakeCaseWithZeroValuesAndInt64Strings()
    {
        var response = await _emulator.CallAsync("RoomService/CreateRoom",
            new { name = "shape-room", emptyTimeout = 42, unknown_field = "ignored" }, TestTokens.RoomCreate());
        Assert.Equal(200, response.Status);
        var room = response.Json!;
        Assert.StartsWith("RM_", room["sid"]!.GetValue<string>());
        Assert.Equal("shape-room", room["name"]!.GetValue<string>());
        Assert.Equal(42, room["empty_timeout"]!.GetValue<int>());
        Assert.True(long.TryParse(room["creation_time"]!.GetValue<string>(), out _));
        Assert.Equal("", room["metadata"]!.GetValue<string>());
        Assert.Equal(0, room["num_participants"]!.GetValue<int>());
        Assert.False(room.ContainsKey("creationTime"));

        var listed = await _emulator.CallAsync("RoomService/ListRooms", new { names = new[] { "shape-room" } }, TestTokens.RoomList());
        Assert.Equal(room["sid"]!.GetValue<string>(), Assert.Single(listed.Json!["rooms"]!.AsArray())!["sid"]!.GetValue<string>());

        var deleted = await _emulator.CallAsync("RoomService/DeleteRoom", new { room = "shape-room" }, TestTokens.RoomCreate());
        Assert.Equal((200, "{}"), (deleted.Status, deleted.Text));
        var finished = await _emulator.Sink.WaitForAsync("room_finished", "shape-room");
        Assert.Equal("shape-room", finished.RoomName);
        var empty = await _emulator.CallAsync("RoomService/ListRooms", new { names = new[] { "shape-room" } }, TestTokens.RoomList());
        Assert.Empty(empty.Json!["rooms"]!.AsArray());
    }

    [Fact]
    public async Task WebhooksAreSignedLikeLiveKitWithTheBodyHash()
    {
        await _emulator.CallAsync("RoomService/CreateRoom", new { name = "signed-room" }, TestTokens.RoomCreate());
        var started = await _emulator.Sink.WaitForAsync("room_started", "signed-room");
        Assert.Equal("application/webhook+json", started.ContentType);
        Assert.StartsWith("LiveKit", started.UserAgent);
        var claims = WebhookSignatureVerifier.Verify(started, TestTokens.ApiKey, TestTokens.ApiSecret);
        var exp = claims["exp"]!.GetValue<long>();
        Assert.InRange(exp - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 240, 301);
        Assert.StartsWith("EV_", started.Id);
        Assert.True(long.TryParse(started.Json["createdAt"]!.GetValue<string>(), out _));
        Assert.True(long.TryParse(started.Json["room"]!["creationTime"]!.GetValue<string>(), out _));
        Assert.False(started.Json["room"]!.AsObject().ContainsKey("metadata"), "webhooks omit zero values");
    }

    [Fact]
    public async Task AgentsNamedOnANewRoomAreDispatchedOnceAndARepeatedCreateDispatchesNothing()
    {
        var request = new { name = "agents-room", agents = new[] { new { agent_name = "voice", metadata = "{\"call\":1}" } } };
        await _emulator.CallAsync("RoomService/CreateRoom", request, TestTokens.RoomCreate());
        await _emulator.CallAsync("RoomService/CreateRoom", request, TestTokens.RoomCreate());

        var listed = await _emulator.CallAsync("AgentDispatchService/ListDispatch", new { room = "agents-room" }, TestTokens.RoomAdmin("agents-room"));
        var dispatch = Assert.Single(listed.Json!["agent_dispatches"]!.AsArray());
        Assert.Equal("voice", dispatch!["agent_name"]!.GetValue<string>());
        Assert.Equal("{\"call\":1}", dispatch["metadata"]!.GetValue<string>());
    }

    [Fact]
    public async Task DispatchAndEgressNeedTheirGrantsAndHaveLiveKitIds()
    {
        await _emulator.CallAsync("RoomService/CreateRoom", new { name = "rec-room" }, TestTokens.RoomCreate());
        var dispatch = await _emulator.CallAsync("AgentDispatchService/CreateDispatch", new { agent_name = "a", room = "rec-room" }, TestTokens.RoomAdmin("rec-room"));
        Assert.StartsWith("AD_", dispatch.Json!["id"]!.GetValue<string>());
        var denied = await _emulator.CallAsync("Egress/StartRoomCompositeEgress", new { room_name = "rec-room" }, TestTokens.RoomAdmin("rec-room"));
        Assert.Equal("unauthenticated", denied.Code);
        var egress = await _emulator.CallAsync("Egress/StartRoomCompositeEgress",
            new { room_name = "rec-room", audio_only = true, file_outputs = new[] { new { filepath = "x.ogg" } } }, TestTokens.RoomRecord());
        Assert.Equal("EGRESS_STARTING", egress.Json!["status"]!.GetValue<string>());
        var id = egress.Json["egress_id"]!.GetValue<string>();
        Assert.StartsWith("EG_", id);
        await _emulator.CallAsync("Egress/StopEgress", new { egress_id = id }, TestTokens.RoomRecord());
        var ended = await _emulator.Sink.WaitForAsync("egress_ended", "rec-room");
        Assert.Equal("EGRESS_COMPLETE", ended.Json["egressInfo"]!["status"]!.GetValue<string>());
    }
}
