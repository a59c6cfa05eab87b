using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.LiveKitEmulator.Webhooks;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>Webhook faults and timeouts driven by a fake clock: nothing waits in real time.</summary>
public sealed class EmulatorFakeClockTests
{
    private static async Task<IReadOnlyList<string>> RunFaultyWebhooksAsync(int seed)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorUnderTest.StartAsync(options =>
        {
            options.Webhook.Faults = new WebhookFaultOptions
            {
                Seed = seed,
                LossProbability = 0.25,
                DuplicateProbability = 0.3,
                ReorderWindow = 3,
                ReorderFlushAfter = TimeSpan.FromSeconds(1),
            };
        }, time);
        var token = TestTokens.Make(new System.Text.Json.Nodes.JsonObject { ["video"] = new System.Text.Json.Nodes.JsonObject { ["roomCreate"] = true } }, now: time.GetUtcNow());
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(200, (await emulator.CallAsync("RoomService/CreateRoom", new { name = $"fault-{i:00}" }, token)).Status);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var publisher = emulator.Services.GetRequiredService<WebhookPublisher>();
        var received = await emulator.Sink.WaitUntilAsync(all => all.Count == publisher.QueuedCount);
        return received.Select(w => $"{w.RoomName}/{w.Id}").Select(s => s.Split('/')[0]).ToArray();
    }

    [Fact]
    public async Task WebhookLossDuplicationAndReorderingAreReproducibleWithASeed()
    {
        var first = await RunFaultyWebhooksAsync(seed: 7);
        var second = await RunFaultyWebhooksAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() < 12, "some events are lost");
        Assert.True(first.Count != first.Distinct().Count(), "some events are duplicated");
        var firstSeen = first.Distinct().ToArray();
        Assert.NotEqual(firstSeen.Order(StringComparer.Ordinal), firstSeen);
    }

    [Fact]
    public async Task RingingTimeoutIsEnforcedOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await EmulatorUnderTest.StartAsync(options =>
            options.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "timeout" }], time);
        var trunkResponse = await emulator.CallAsync("SIP/CreateSIPOutboundTrunk",
            new { trunk = new { address = "sip.example.test", numbers = new[] { "+15550000000" } } },
            TestTokens.Make(new System.Text.Json.Nodes.JsonObject { ["sip"] = new System.Text.Json.Nodes.JsonObject { ["admin"] = true } }, now: time.GetUtcNow()));
        var trunk = trunkResponse.Json!["sip_trunk_id"]!.GetValue<string>();
        var sipToken = TestTokens.Make(new System.Text.Json.Nodes.JsonObject { ["sip"] = new System.Text.Json.Nodes.JsonObject { ["call"] = true } }, now: time.GetUtcNow());
        var dial = await emulator.CallAsync("SIP/CreateSIPParticipant",
            new { sip_trunk_id = trunk, sip_call_to = "+15551230000", room_name = "fake-ring", ringing_timeout = "20s" }, sipToken);
        Assert.Equal(200, dial.Status);

        // Dialing (1 s) plus the 20 s ringing timeout: the callee must still be there at 20 s and gone by 22 s.
        var advanced = TimeSpan.Zero;
        while (!emulator.Sink.Received.Any(w => w.Event == "participant_left"))
        {
            Assert.True(advanced < TimeSpan.FromSeconds(22), "the ringing timeout never ended the call");
            await emulator.Sink.WaitUntilAsync(all => all.Any(w => w.Event == "participant_joined"));
            time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await emulator.CallAsync("RoomService/ListRooms", new { }, TestTokens.Make(new System.Text.Json.Nodes.JsonObject(), now: time.GetUtcNow()));
            if (advanced == TimeSpan.FromSeconds(22))
            {
                await emulator.Sink.WaitForAsync("participant_left", "fake-ring");
            }
        }

        Assert.True(advanced >= TimeSpan.FromSeconds(21), $"ended after only {advanced}");
        var left = await emulator.Sink.WaitForAsync("participant_left", "fake-ring");
        Assert.Equal("USER_UNAVAILABLE", left.Json["participant"]!["disconnectReason"]!.GetValue<string>());
    }
}
