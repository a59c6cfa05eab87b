using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.LiveKitEmulator;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>
/// The platform's LiveKit client and webhook verifier against the project's LiveKit emulator, over real HTTP:
/// two independent implementations of the same protocol must agree.
/// </summary>
public sealed class ClientAgainstEmulatorTests
{
    private static (LiveKitClient Client, LiveKitWebhookVerifier Verifier) Connect(EmulatorUnderTest emulator)
    {
        var options = Options.Create(new LiveKitOptions { Url = emulator.BaseUrl, ApiKey = TestTokens.ApiKey, ApiSecret = TestTokens.ApiSecret });
        var client = new LiveKitClient(new HttpClient(), options, TimeProvider.System, NullLogger<LiveKitClient>.Instance);
        return (client, new LiveKitWebhookVerifier(options, TimeProvider.System));
    }

    [Fact]
    public async Task RoomsAndAnAnsweredCallWorkEndToEndAndEveryWebhookVerifies()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "+1555*", Outcome = "answer;ring=2" }];
        });
        var (client, verifier) = Connect(emulator);

        var room = await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "call-1", Metadata = "{\"tenant\":\"t\"}" });
        Assert.StartsWith("RM_", room.Sid);
        Assert.Contains(await client.ListRoomsAsync(), r => r.Name == "call-1");

        var trunk = await client.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = ["+15550001111"] });
        var participant = await client.CreateSipParticipantAsync(new LiveKitCreateSipParticipantRequest
        {
            SipTrunkId = trunk.SipTrunkId,
            SipCallTo = "+15551234567",
            SipNumber = "+15550001111",
            RoomName = "call-1",
            ParticipantIdentity = "callee",
            RingingTimeout = TimeSpan.FromSeconds(30),
            MaxCallDuration = TimeSpan.FromMinutes(10),
            WaitUntilAnswered = true,
        });
        Assert.Equal("callee", participant.ParticipantIdentity);
        var callee = Assert.Single(await client.ListParticipantsAsync("call-1"), p => p.Identity == "callee");
        Assert.Equal("active", callee.Attributes["sip.callStatus"]);

        await client.DeleteRoomAsync("call-1");
        await emulator.Sink.WaitForAsync("room_finished", "call-1");
        foreach (var webhook in emulator.Sink.Received)
        {
            var verified = verifier.Verify(webhook.Body, webhook.Authorization);
            Assert.True(verified.IsValid, verified.FailureReason);
            Assert.Equal(webhook.Id, verified.Event!.Id);
        }
        Assert.Contains(emulator.Sink.Received, w => w.Event == "participant_joined");
    }

    [Theory]
    [InlineData("busy", 486)]
    [InlineData("noanswer;ring=1", 480)]
    [InlineData("rejected", 603)]
    [InlineData("failure", 503)]
    public async Task AFailedCallBecomesATypedErrorWithItsSipStatus(string outcome, int sipStatus)
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = outcome }];
        });
        var (client, _) = Connect(emulator);
        await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "call-2" });
        var trunk = await client.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = ["+15550001111"] });

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() => client.CreateSipParticipantAsync(new LiveKitCreateSipParticipantRequest
        {
            SipTrunkId = trunk.SipTrunkId,
            SipCallTo = "+15557654321",
            RoomName = "call-2",
            ParticipantIdentity = "callee",
            RingingTimeout = TimeSpan.FromSeconds(30),
            WaitUntilAnswered = true,
        }));
        Assert.Equal(sipStatus, error.SipStatusCode);
        Assert.False(string.IsNullOrEmpty(error.Code));
    }
}
