using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.LiveKitEmulator;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>The emulator's webhooks, judged by the official livekit-server-sdk for Node: it signs them exactly as LiveKit does.</summary>
public sealed class EmulatorWebhooksNodeCrossCheckTests
{
    [Fact]
    public async Task TheNodeSdkAcceptsEveryEmulatorWebhookAndRejectsATamperedOne()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "busy" }];
        });
        var client = new LiveKitClient(new HttpClient(),
            Options.Create(new LiveKitOptions { Url = emulator.BaseUrl, ApiKey = TestTokens.ApiKey, ApiSecret = TestTokens.ApiSecret }),
            TimeProvider.System, NullLogger<LiveKitClient>.Instance);
        await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "node-check" });
        var trunk = await client.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = ["+15550001111"] });
        await client.CreateSipParticipantAsync(new LiveKitCreateSipParticipantRequest
        {
            SipTrunkId = trunk.SipTrunkId, SipCallTo = "+15551230000", RoomName = "node-check", ParticipantIdentity = "callee",
        });
        await emulator.Sink.WaitForAsync("participant_left", "node-check");

        foreach (var webhook in emulator.Sink.Received)
        {
            var body = Encoding.UTF8.GetString(webhook.Body);
            var result = (await NodeLiveKitSdk.CheckAsync(Input(body, webhook.Authorization))).GetProperty("webhook");
            Assert.True(result.GetProperty("ok").GetBoolean(), $"{webhook.Event}: {result}");
            Assert.Equal(webhook.Event, result.GetProperty("event").GetProperty("event").GetString());
        }

        var sample = emulator.Sink.Received.First(w => w.Event == "participant_joined");
        var tampered = Encoding.UTF8.GetString(sample.Body).Replace("callee", "intruder");
        var refused = (await NodeLiveKitSdk.CheckAsync(Input(tampered, sample.Authorization))).GetProperty("webhook");
        Assert.False(refused.GetProperty("ok").GetBoolean());
    }

    private static JsonObject Input(string body, string auth) => new()
    {
        ["apiKey"] = TestTokens.ApiKey,
        ["apiSecret"] = TestTokens.ApiSecret,
        ["webhook"] = new JsonObject { ["body"] = body, ["auth"] = auth },
    };
}
