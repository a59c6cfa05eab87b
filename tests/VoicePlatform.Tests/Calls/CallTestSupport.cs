using VoicePlatform.LiveKitEmulator.Rooms;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Calls;

/// <summary>A tenant ready to place calls: its admin client, an active agent and the LiveKit trunk of its caller id.</summary>
public sealed record CallTenant(string Id, HttpClient Admin, string AgentId, string LiveKitTrunkId, string CallerId);

/// <summary>Placing and watching calls over HTTP against an ApiHost with the embedded LiveKit emulator.</summary>
public static class CallTestSupport
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);


    public static LiveKitClient Client(this ApiHostFixture host) => host.App.Services.GetRequiredService<LiveKitClient>();

    public static IEnumerable<SipCallRequest> DialsOf(this ApiHostFixture host, JsonElement call)
    {
        var room = call.GetProperty("roomName").GetString();
        var emulator = host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>();
        return emulator.Services.GetRequiredService<SipCallSimulator>().Dialled.Where(d => d.RoomName == room).ToList();
    }


    /// <summary>What a call tenant's wallet starts with: $100, in cents, plenty for every test call.</summary>
    public const long OpeningBalance = 10_000;

    /// <summary>Tops up a tenant's wallet through the operator API, as an operator would.</summary>
    public static async Task TopUpAsync(this ApiHostFixture host, string tenantId, long amount, string? idempotencyKey = null)
    {
        using var op = host.AsOperator();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenantId}/wallet/credits")
        {
            Content = JsonContent.Create(new { kind = "top-up", amount }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? $"top-up-{Guid.NewGuid():N}");
        var response = await op.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A fresh tenant with an active agent, a caller-id number on a trunk the emulator knows, and money.</summary>
    public static async Task<CallTenant> TenantWithCallerIdAsync(this ApiHostFixture host, long openingBalance = OpeningBalance)
    {
        var tenant = await host.CreateTenantAsync("Caller");
        if (openingBalance > 0) await host.TopUpAsync(tenant.Id, openingBalance);
        var admin = host.WithKey(tenant.AdminKey);
        // Every tenant its own caller id: a number belongs to one tenant on the whole platform.
        var callerId = TestNumbers.Next();
        var liveKitTrunk = await host.Client().CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = [callerId] });
        var trunk = await admin.CreateTrunkAsync(new { liveKitTrunkId = liveKitTrunk.SipTrunkId, name = "Main", numbers = Array.Empty<string>(), maxConcurrentCalls = 20, callsPerSecond = 2.5 });
        var agent = await host.CreateAgentAsync(tenant.Id, AgentStatus.Active);
        await admin.CreateNumberAsync(new { number = callerId, label = "Main", assignedAgentId = agent, trunkId = trunk });
        return new CallTenant(tenant.Id, admin, agent, liveKitTrunk.SipTrunkId!, callerId);
    }

    public static HttpRequestMessage Request(CallTenant tenant, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/calls") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    public static async Task<JsonElement> PlaceAsync(CallTenant tenant, string to, string? idempotencyKey = null)
    {
        using var request = Request(tenant, new { agentId = tenant.AgentId, to, variables = new Dictionary<string, string> { ["first_name"] = "Maria" } }, idempotencyKey);
        var response = await tenant.Admin.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static string Id(JsonElement call) => call.GetProperty("id").GetString()!;

    public static async Task<JsonElement> GetAsync(CallTenant tenant, string id)
    {
        var response = await tenant.Admin.GetAsync($"api/calls/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>How many times the platform asked LiveKit (the embedded emulator) to delete this call's room.</summary>
    public static int DeleteRequests(this ApiHostFixture host, JsonElement call) =>
        host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Services.GetRequiredService<RoomStore>()
            .DeleteRequests(call.GetProperty("roomName").GetString()!);

    /// <summary>Waits (within <see cref="Patience"/>) until the ended call's room is gone from LiveKit.</summary>
    public static Task RoomClosedAsync(this ApiHostFixture host, JsonElement call) =>
        WaitUntilAsync(async () => (await host.Client().ListRoomsAsync([call.GetProperty("roomName").GetString()!])).Count == 0,
            () => $"room {call.GetProperty("roomName").GetString()} was deleted");

    public static async Task<JsonElement> WaitForAsync(CallTenant tenant, JsonElement call, Func<JsonElement, bool> condition)
    {
        JsonElement latest = default;
        await WaitUntilAsync(async () => condition(latest = await GetAsync(tenant, Id(call))), () => latest.ToString());
        return latest;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="patience"/> (default <see cref="Patience"/>).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string>? describe = null, TimeSpan? patience = null)
    {
        var limit = patience ?? Patience;
        using var timeout = new CancellationTokenSource(limit);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Condition not reached within {limit}: {describe?.Invoke()}");
            await Task.Delay(25, CancellationToken.None);
        }
    }

    public static byte[] CalleeLeft(JsonElement call, string eventId) => LiveKitWebhookSigner.Serialize(new LiveKitWebhookEvent
    {
        Event = "participant_left",
        Id = eventId,
        CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Room = new LiveKitRoom { Name = call.GetProperty("roomName").GetString()! },
        Participant = new LiveKitParticipantInfo { Identity = "callee", Kind = "SIP", DisconnectReason = "CLIENT_INITIATED" },
    });

    public static Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, byte[] body, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/livekit/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(LiveKitWebhookSigner.ContentType);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return client.SendAsync(request);
    }
}
