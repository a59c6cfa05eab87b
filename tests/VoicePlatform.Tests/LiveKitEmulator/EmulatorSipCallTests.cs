using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Sip;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>Every simulated SIP outcome over real HTTP, at 100× speed (a 20 s ringing timeout takes 0.2 s).</summary>
public sealed class EmulatorSipCallTests : IAsyncLifetime
{
    private EmulatorUnderTest _emulator = null!;
    private string _trunk = "";

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorUnderTest.StartAsync(options =>
        {
            options.TimeAcceleration = 100;
            options.Sip.Rules =
            [
                new SipOutcomeRule { Pattern = "+1555001*", Outcome = "answer;ring=5" },
                new SipOutcomeRule { Pattern = "+1555100*", Outcome = "answer;ring=1;hangup=5" },
                new SipOutcomeRule { Pattern = "+1555486*", Outcome = "busy;ring=2" },
                new SipOutcomeRule { Pattern = "+1555480*", Outcome = "noanswer;ring=10" },
                new SipOutcomeRule { Pattern = "+1555603*", Outcome = "rejected;ring=1" },
                new SipOutcomeRule { Pattern = "+1555777*", Outcome = "voicemail;ring=4" },
                new SipOutcomeRule { Pattern = "+1555503*", Outcome = "failure" },
                new SipOutcomeRule { Pattern = "+1555500*", Outcome = "failure;code=500" },
                new SipOutcomeRule { Pattern = "+1555999*", Outcome = "timeout" },
            ];
        });
        _trunk = await _emulator.CreateTrunkAsync();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Task<TwirpResponse> DialAsync(string room, string number, bool wait, string? maxCallDuration = null) =>
        _emulator.CallAsync("SIP/CreateSIPParticipant", new JsonObject
        {
            ["sip_trunk_id"] = _trunk,
            ["sip_call_to"] = number,
            ["room_name"] = room,
            ["participant_identity"] = "callee",
            ["ringing_timeout"] = "20s",
            ["max_call_duration"] = maxCallDuration,
            ["wait_until_answered"] = wait,
        }.ToJsonString(), TestTokens.SipCall());

    private async Task<JsonObject> CalleeAsync(string room)
    {
        var list = await _emulator.CallAsync("RoomService/ListParticipants", new { room }, TestTokens.RoomAdmin(room));
        return Assert.Single(list.Json!["participants"]!.AsArray())!.AsObject();
    }

    [Fact]
    public async Task AnsweredCallWaitsUntilActiveAndCarriesSipAttributes()
    {
        var response = await DialAsync("sip-answer", "+15550010001", wait: true);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("PA_", response.Json!["participant_id"]!.GetValue<string>());
        Assert.StartsWith("SCL_", response.Json["sip_call_id"]!.GetValue<string>());
        var callee = await CalleeAsync("sip-answer");
        Assert.Equal("SIP", callee["kind"]!.GetValue<string>());
        var attributes = callee["attributes"]!;
        Assert.Equal("active", attributes["sip.callStatus"]!.GetValue<string>());
        Assert.Equal(response.Json["sip_call_id"]!.GetValue<string>(), attributes["sip.callID"]!.GetValue<string>());
        Assert.Equal(_trunk, attributes["sip.trunkID"]!.GetValue<string>());
        Assert.Equal("+15550010001", attributes["sip.phoneNumber"]!.GetValue<string>());
        Assert.Equal("+15550000000", attributes["sip.trunkPhoneNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParticipantJoinedFiresWhenDialingStartsNotAtAnswer()
    {
        var response = await DialAsync("sip-joined", "+15550010002", wait: false);
        Assert.Equal(200, response.Status);
        var joined = await _emulator.Sink.WaitForAsync("participant_joined", "sip-joined");
        Assert.Equal("dialing", joined.Json["participant"]!["attributes"]!["sip.callStatus"]!.GetValue<string>());
        Assert.Equal("SIP", joined.Json["participant"]!["kind"]!.GetValue<string>());
        await _emulator.Sink.WaitForAsync("room_started", "sip-joined");
    }

    [Theory]
    [InlineData("+15554860001", "resource_exhausted", 429, "486", "Busy Here", "USER_REJECTED")]
    [InlineData("+15554800001", "resource_exhausted", 429, "480", "Temporarily Unavailable", "USER_UNAVAILABLE")]
    [InlineData("+15556030001", "permission_denied", 403, "603", "Decline", "USER_REJECTED")]
    [InlineData("+15555030001", "failed_precondition", 412, "503", "Service Unavailable", null)]
    [InlineData("+15555000001", "failed_precondition", 412, "500", "Server Internal Error", null)]
    [InlineData("+15559990001", "deadline_exceeded", 408, "408", "Request Timeout", "USER_UNAVAILABLE")]
    public async Task FailedCallFailsWaitUntilAnsweredWithLiveKitsTwirpErrorAndLeaves(
        string number, string code, int status, string sipCode, string sipStatus, string? leaveReason)
    {
        var room = "sip-fail-" + number;
        var response = await DialAsync(room, number, wait: true);
        Assert.Equal((status, code), (response.Status, response.Code));
        Assert.Equal(sipCode, response.Meta("sip_status_code"));
        Assert.Equal(sipStatus, response.Meta("sip_status"));

        var left = await _emulator.Sink.WaitForAsync("participant_left", room);
        var participant = left.Json["participant"]!.AsObject();
        Assert.Equal(leaveReason, participant["disconnectReason"]?.GetValue<string>());
        Assert.NotEqual("hangup", participant["attributes"]!["sip.callStatus"]!.GetValue<string>());
        Assert.DoesNotContain(_emulator.Sink.Received, w => w.Event == "participant_connection_aborted" && w.RoomName == room);
    }

    [Fact]
    public async Task VoicemailIsAnsweredWithTheMachineMarker()
    {
        var response = await DialAsync("sip-vm", "+15557770001", wait: true);
        Assert.Equal(200, response.Status);
        var attributes = (await CalleeAsync("sip-vm"))["attributes"]!;
        Assert.Equal("active", attributes["sip.callStatus"]!.GetValue<string>());
        Assert.Equal("machine", attributes["emulator.answeredBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task MaxCallDurationHangsUpAnAnsweredCall()
    {
        var response = await DialAsync("sip-max", "+15550010003", wait: true, maxCallDuration: "30s");
        Assert.Equal(200, response.Status);
        var left = await _emulator.Sink.WaitForAsync("participant_left", "sip-max");
        Assert.Equal("CLIENT_INITIATED", left.Json["participant"]!["disconnectReason"]!.GetValue<string>());
        Assert.Equal("hangup", left.Json["participant"]!["attributes"]!["sip.callStatus"]!.GetValue<string>());
        await _emulator.Sink.WaitForAsync("room_finished", "sip-max");
    }

    [Fact]
    public async Task CalleeHangupEndsTheCallNormally()
    {
        Assert.Equal(200, (await DialAsync("sip-hangup", "+15551000001", wait: true)).Status);
        var left = await _emulator.Sink.WaitForAsync("participant_left", "sip-hangup");
        Assert.Equal("CLIENT_INITIATED", left.Json["participant"]!["disconnectReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemoveParticipantHangsUpWithParticipantRemoved()
    {
        Assert.Equal(200, (await DialAsync("sip-remove", "+15550010004", wait: true)).Status);
        var removed = await _emulator.CallAsync("RoomService/RemoveParticipant", new { room = "sip-remove", identity = "callee" }, TestTokens.RoomAdmin("sip-remove"));
        Assert.Equal(200, removed.Status);
        var left = await _emulator.Sink.WaitForAsync("participant_left", "sip-remove");
        Assert.Equal("PARTICIPANT_REMOVED", left.Json["participant"]!["disconnectReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidRequestsAndUnknownTrunkAreRejectedLikeLiveKit()
    {
        var noNumber = await _emulator.CallAsync("SIP/CreateSIPParticipant", new { sip_trunk_id = _trunk, room_name = "r" }, TestTokens.SipCall());
        var uri = await _emulator.CallAsync("SIP/CreateSIPParticipant", new { sip_trunk_id = _trunk, sip_call_to = "a@b", room_name = "r" }, TestTokens.SipCall());
        var noRoom = await _emulator.CallAsync("SIP/CreateSIPParticipant", new { sipTrunkId = _trunk, sipCallTo = "+1" }, TestTokens.SipCall());
        var unknownTrunk = await _emulator.CallAsync("SIP/CreateSIPParticipant", new { sip_trunk_id = "ST_nope", sip_call_to = "+1", room_name = "r" }, TestTokens.SipCall());
        Assert.All(new[] { noNumber, uri, noRoom }, r => Assert.Equal((400, "invalid_argument"), (r.Status, r.Code)));
        Assert.Equal((404, "not_found"), (unknownTrunk.Status, unknownTrunk.Code));
    }
}
