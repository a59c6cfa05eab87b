using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// Coaching a live call over HTTP against the emulator's scripted agent: a whisper the agent acknowledges and notes in
/// the transcript; a listener made to speak (barge); the agent removed while the supervisor stays with the callee
/// (takeover) and the call goes on, metered, recording who took it over; a supervisor's hang-up. All audited, all in
/// the supervisor's own tenant only.
/// </summary>
[Collection(SupervisionCollection.Name)]
public sealed class SupervisionTests(SupervisionFixture host)
{
    [Fact]
    public async Task AWhisperIsAcknowledgedByTheAgentAndNotedInTheTranscript()
    {
        var (tenant, supervisor, keyId) = await SupervisorAsync();
        var call = await AnsweredWithAgentAsync(tenant);

        var bad = await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/whisper", new { text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("text", out _));

        var response = await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/whisper", new { text = "Offer the Tuesday slot first." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.ReadJsonAsync();
        Assert.True(receipt.GetProperty("acknowledged").GetBoolean(), receipt.ToString());
        Assert.StartsWith("agent-", receipt.GetProperty("agentIdentity").GetString());

        // The agent noted it as a coaching line: in the transcript, never said to the callee.
        await WaitUntilAsync(async () => (await TranscriptAsync(supervisor, call)).Any(s =>
            s.GetProperty("speaker").GetString() == "coach" && s.GetProperty("text").GetString() == "Offer the Tuesday slot first."));

        var entry = Assert.Single(await AuditAsync(supervisor, call), e => e.GetProperty("action").GetString() == "whisper");
        Assert.Equal(keyId, entry.GetProperty("actor").GetString());
        Assert.Equal(receipt.GetProperty("agentIdentity").GetString(), entry.GetProperty("participant").GetString());
        Assert.Contains("acknowledged: Offer the Tuesday slot first.", entry.GetProperty("detail").GetString());

        // Another tenant's supervisor cannot whisper into it; a missing call is refused the same way.
        var other = await host.TenantWithCallerIdAsync();
        using var outsider = host.WithKey(await host.IssueKeyAsync(other.Id, "floor", "supervisor"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"api/calls/{Id(call)}/whisper", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync("api/calls/cal_nosuchcall000000/whisper", new { text = "hi" })).StatusCode);

        await HangUpAsync(supervisor, call);
        var refused = await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/whisper", new { text = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task AListenerWhoBargesInIsMadeVisibleAndMaySpeakAndTheCallIsTakenOverWithoutTheAgent()
    {
        var (tenant, supervisor, keyId) = await SupervisorAsync();
        var call = await AnsweredWithAgentAsync(tenant);
        var room = call.GetProperty("roomName").GetString()!;

        // Listen, and join the room as the supervisor's browser would with that token: hidden, subscribe-only.
        var listen = await (await supervisor.PostAsync($"api/calls/{Id(call)}/listen", null)).ReadJsonAsync();
        var identity = listen.GetProperty("participantIdentity").GetString()!;
        var browser = host.Rooms.Join(room, identity, "Supervisor", "", ParticipantKind.Standard, new Dictionary<string, string>());
        host.Rooms.UpdateParticipant(room, identity, "", "", new Dictionary<string, string>(), new ParticipantPermission(true, false, false, true, false, []));

        var invalid = await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/barge", new { participantIdentity = "agent-1" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.ReadJsonAsync()).GetProperty("errors").TryGetProperty("participantIdentity", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/barge", new { participantIdentity = "supervisor-someone-else" })).StatusCode);

        var barge = await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/barge", new { participantIdentity = identity });
        Assert.Equal(HttpStatusCode.Created, barge.StatusCode);
        var seat = await barge.ReadJsonAsync();
        Assert.Equal(identity, seat.GetProperty("participantIdentity").GetString());
        Assert.True(seat.GetProperty("canPublish").GetBoolean());
        var video = Claims(seat.GetProperty("participantToken").GetString()!).GetProperty("video");
        Assert.True(video.GetProperty("canPublish").GetBoolean());
        Assert.False(video.TryGetProperty("hidden", out var hidden) && hidden.GetBoolean());
        // In the room now: LiveKit's permission update replaced every flag, hidden included.
        Assert.Equal(new ParticipantPermission(true, true, true, false, false, []), browser.Permission with { CanPublishSources = [] });

        var takeover = await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/takeover", new { participantIdentity = identity });
        Assert.Equal(HttpStatusCode.Created, takeover.StatusCode);
        Assert.DoesNotContain(host.Rooms.ParticipantsIn(room), p => p.Kind == ParticipantKind.Agent);
        Assert.Contains(host.Rooms.ParticipantsIn(room), p => p.Identity == "callee" || p.Kind == ParticipantKind.Sip);

        // A retried takeover answers the same seat; another supervisor is refused; there is no agent left to whisper to.
        var again = await (await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/takeover", new { participantIdentity = identity })).ReadJsonAsync();
        Assert.Equal(identity, again.GetProperty("participantIdentity").GetString());
        using var second = host.WithKey(await host.IssueKeyAsync(tenant.Id, "second", "supervisor"));
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"api/calls/{Id(call)}/takeover", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"api/calls/{Id(call)}/whisper", new { text = "hello?" })).StatusCode);

        // The call goes on with the supervisor and the callee, and says who took it over.
        var live = await GetAsync(tenant, Id(call));
        Assert.Equal("answered", live.GetProperty("status").GetString());
        Assert.Equal(keyId, live.GetProperty("takenOverBy").GetString());

        var ended = await HangUpAsync(supervisor, call);
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        // Metered to the end, past the agent's removal: telephony is billed from the answer to the supervisor's hang-up.
        var talked = ended.GetProperty("endedAt").GetDateTimeOffset() - ended.GetProperty("answeredAt").GetDateTimeOffset();
        JsonElement cost = default;
        await WaitUntilAsync(async () => (cost = await (await supervisor.GetAsync($"api/calls/{Id(call)}/cost")).ReadJsonAsync()).GetProperty("settled").GetBoolean());
        Assert.True(cost.GetProperty("billedSeconds").GetInt64() >= (long)talked.TotalSeconds, cost.ToString());
        Assert.Equal(["listen", "barge", "takeover", "hang-up"],
            (await AuditAsync(supervisor, call)).Select(e => e.GetProperty("action").GetString()));
        // The call record behind the list says it too.
        await WaitUntilAsync(async () =>
        {
            var page = await (await tenant.Admin.GetAsync("api/calls?limit=5")).ReadJsonAsync();
            return page.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("callId").GetString() == Id(call)
                && c.GetProperty("status").GetString() == "ended" && c.GetProperty("takenOverBy").GetString() == keyId);
        });
    }

    [Fact]
    public async Task TakeoverNeedsAnAnsweredCallAndBargeWithoutAListenerIsANewVisibleSeat()
    {
        var (tenant, supervisor, _) = await SupervisorAsync();
        var call = await AnsweredWithAgentAsync(tenant);

        var barge = await (await supervisor.PostAsync($"api/calls/{Id(call)}/barge", null)).ReadJsonAsync();
        Assert.True(barge.GetProperty("canPublish").GetBoolean());
        Assert.False(barge.GetProperty("hidden").GetBoolean());
        // The agent stays: barging in is joining the conversation, not taking it.
        Assert.Contains(host.Rooms.ParticipantsIn(call.GetProperty("roomName").GetString()!), p => p.Kind == ParticipantKind.Agent);
        await HangUpAsync(supervisor, call);
        var refused = await supervisor.PostAsync($"api/calls/{Id(call)}/takeover", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task ALiveCallsCostTicksOnTheFloorAsItsBlocksAreDebited()
    {
        var (tenant, supervisor, _) = await SupervisorAsync();
        var key = supervisor.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var hub = await LiveHubClient.ConnectAsync(host, key);
        var events = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("event", e => events.Writer.TryWrite(e));
        await hub.InvokeAsync<JsonElement>("SubscribeTenant");

        var call = await PlaceAsync(tenant, SupervisionFixture.Answers);
        var charged = new List<long>();
        // A bound, not a wait: the loop ends at the third debited block. A loaded run (browsers in other collections)
        // can slow the blocks' timers and the feed well past the usual 20 s, and then a resync skips a few events.
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (charged.Distinct().Count(c => c > 0) < 3)
            {
                var e = await events.Reader.ReadAsync(patience.Token);
                if (e.GetProperty("type").GetString() == "call.updated" && e.GetProperty("sourceId").GetString() == Id(call))
                    charged.Add(e.GetProperty("payload").GetProperty("call").GetProperty("chargedSoFar").GetInt64());
            }
        }
        // Money only ever goes up while the call is live.
        Assert.Equal(charged.Order(), charged);
        await HangUpAsync(supervisor, call);
    }

    private async Task<(CallTenant Tenant, HttpClient Supervisor, string KeyId)> SupervisorAsync()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var key = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        return (tenant, host.WithKey(key), "key_" + key.Split('_')[1]);
    }

    private static async Task<JsonElement> AnsweredWithAgentAsync(CallTenant tenant)
    {
        var call = await PlaceAsync(tenant, SupervisionFixture.Answers);
        return await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered"
            && c.TryGetProperty("agentJoinedAt", out var joined) && joined.ValueKind == JsonValueKind.String);
    }

    private static async Task<JsonElement> HangUpAsync(HttpClient supervisor, JsonElement call)
    {
        var response = await supervisor.PostAsync($"api/calls/{Id(call)}/hangup", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<List<JsonElement>> AuditAsync(HttpClient supervisor, JsonElement call) =>
        (await (await supervisor.GetAsync($"api/calls/{Id(call)}/supervision")).ReadJsonAsync()).EnumerateArray().ToList();

    private static async Task<List<JsonElement>> TranscriptAsync(HttpClient client, JsonElement call) =>
        (await (await client.GetAsync($"api/calls/{Id(call)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();

    private static JsonElement Claims(string jwt) => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement;
}
