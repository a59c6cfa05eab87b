using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Live;
using static VoicePlatform.Tests.Inbound.InboundTestSupport;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// A supervisor on an inbound call, as on an outbound one: the call on the live feed with its direction, listening,
/// a whisper the agent acknowledges, and a takeover that leaves the supervisor with the caller, metered to the end.
/// On the supervision host (real-time emulator, talking agent), so the conversation lasts while the supervisor acts.
/// </summary>
[Collection(SupervisionCollection.Name)]
public sealed class InboundSupervisionTests(SupervisionFixture host)
{
    [Fact]
    public async Task ASupervisorSeesListensWhispersAndTakesOverAnInboundCall()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "floor", "supervisor"));

        // The floor's live feed, as the wallboard gets it.
        var token = (await (await supervisor.PostAsync("api/live/token", null)).ReadJsonAsync()).GetProperty("token").GetString();
        await using var feed = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var updates = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        feed.On<JsonElement>("event", e => updates.Enqueue(e));
        await feed.StartAsync();
        await feed.InvokeAsync<JsonElement>("SubscribeTenant");

        var rung = await host.RingAsync("+15125550160", tenant.Number);
        var id = CallIdOf(rung);
        var call = await tenant.WaitForCallAsync(rung, c => c.GetProperty("status").GetString() == "answered"
            && c.TryGetProperty("agentJoinedAt", out var joined) && joined.ValueKind == JsonValueKind.String);
        await CallTestSupport.WaitUntilAsync(() => Task.FromResult(updates.Any(e =>
            e.GetProperty("type").GetString() == "call.updated"
            && e.GetProperty("payload").GetProperty("call").GetProperty("id").GetString() == id
            && e.GetProperty("payload").GetProperty("call").GetProperty("direction").GetString() == "inbound")), () => $"{updates.Count} live events");

        var listen = await (await supervisor.PostAsync($"api/calls/{id}/listen", null)).ReadJsonAsync();
        var identity = listen.GetProperty("participantIdentity").GetString()!;
        var room = call.GetProperty("roomName").GetString()!;
        host.Rooms.Join(room, identity, "Supervisor", "", ParticipantKind.Standard, new Dictionary<string, string>());

        var whisper = await (await supervisor.PostAsJsonAsync($"api/calls/{id}/whisper", new { text = "Offer the 3 pm slot." })).ReadJsonAsync();
        Assert.True(whisper.GetProperty("acknowledged").GetBoolean(), whisper.ToString());
        await CallTestSupport.WaitUntilAsync(async () => (await (await supervisor.GetAsync($"api/calls/{id}/transcript")).ReadJsonAsync()).EnumerateArray()
            .Any(s => s.GetProperty("speaker").GetString() == "coach"));

        var takeover = await supervisor.PostAsJsonAsync($"api/calls/{id}/takeover", new { participantIdentity = identity });
        Assert.True(takeover.StatusCode == HttpStatusCode.Created, await takeover.Content.ReadAsStringAsync());
        Assert.DoesNotContain(host.Rooms.ParticipantsIn(room), p => p.Kind == ParticipantKind.Agent);
        Assert.Contains(host.Rooms.ParticipantsIn(room), p => p.Kind == ParticipantKind.Sip);
        Assert.Equal("answered", (await (await supervisor.GetAsync($"api/calls/{id}")).ReadJsonAsync()).GetProperty("status").GetString());

        var ended = await (await supervisor.PostAsync($"api/calls/{id}/hangup", null)).ReadJsonAsync();
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        // The supervisor's hang-up hung up the caller: LiveKit's side ended too.
        await CallTestSupport.WaitUntilAsync(async () => (await host.EmulatorCallAsync(rung.GetProperty("sipCallId").GetString()!)).GetProperty("status").GetString() == "ended");
        JsonElement cost = default;
        await CallTestSupport.WaitUntilAsync(async () => (cost = await (await supervisor.GetAsync($"api/calls/{id}/cost")).ReadJsonAsync()).GetProperty("settled").GetBoolean());
        Assert.True(cost.GetProperty("billedSeconds").GetInt64() >= 1, cost.ToString());
        Assert.Equal(["listen", "whisper", "takeover", "hang-up"], (await (await supervisor.GetAsync($"api/calls/{id}/supervision")).ReadJsonAsync())
            .EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }
}
