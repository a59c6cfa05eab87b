using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>Calls placed over HTTP against the all-in-one host, dialled through its embedded LiveKit emulator.</summary>
[Collection(CallsApiCollection.Name)]
public sealed class CallsApiTests(CallsApiFixture host)
{

    [Fact]
    public async Task AnAnsweredCallIsAnsweredAndHangingUpCompletesIt()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Answers);
        Assert.Equal("dialing", call.GetProperty("status").GetString());

        var answered = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");
        Assert.Equal(tenant.CallerId, answered.GetProperty("from").GetString());
        Assert.NotNull(answered.GetProperty("answeredAt").GetString());

        var dial = Assert.Single(DialsOf(answered));
        Assert.Equal(tenant.LiveKitTrunkId, dial.TrunkId);
        Assert.Equal(tenant.CallerId, dial.FromNumber);
        Assert.Equal(CallsApiFixture.Answers, dial.CallTo);
        Assert.Equal(TimeSpan.FromSeconds(30), dial.RingingTimeout);
        Assert.Equal(TimeSpan.FromSeconds(new AgentSettings { Name = "x" }.MaxCallDurationSeconds), dial.MaxCallDuration);

        var hungUp = await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
        Assert.Equal(HttpStatusCode.OK, hungUp.StatusCode);
        var ended = await hungUp.ReadJsonAsync();
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        Assert.Empty(await Client.ListRoomsAsync([ended.GetProperty("roomName").GetString()!]));
    }

    [Fact]
    public async Task TheCalleeHangingUpEndsTheCallThroughLiveKitsWebhook()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.AnswersThenHangsUp);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        // Only the webhook's participant_left carries LiveKit's disconnect reason.
        Assert.Equal("CLIENT_INITIATED", ended.GetProperty("disconnectReason").GetString());
        // The agent's session ends with the call: the platform deletes the room, long before LiveKit's departure timeout,
        // and once only, though every webhook arrives twice here.
        await host.RoomClosedAsync(ended);
        Assert.Equal(1, host.DeleteRequests(ended));
    }

    [Theory]
    [InlineData(CallsApiFixture.Busy, "busy", 486)]
    [InlineData(CallsApiFixture.NoAnswer, "no-answer", 480)]
    [InlineData(CallsApiFixture.Rejects, "rejected", 603)]
    [InlineData(CallsApiFixture.CarrierFails, "failed", 503)]
    public async Task AnUnansweredCallEndsWithItsReasonAndSipStatus(string to, string reason, int sipStatus)
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, to);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended" && c.TryGetProperty("sipStatusCode", out var s) && s.ValueKind == JsonValueKind.Number);
        Assert.Equal(reason, ended.GetProperty("endReason").GetString());
        Assert.Equal(sipStatus, ended.GetProperty("sipStatusCode").GetInt32());
        Assert.Null(ended.GetProperty("answeredAt").GetString());
        await host.RoomClosedAsync(ended);
    }

    [Fact]
    public async Task HangingUpWhileItRingsCancelsTheCall()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.RingsLong);
        var ringing = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() is "ringing" or "answered" or "ended");
        Assert.Equal("ringing", ringing.GetProperty("status").GetString());
        Assert.NotNull(ringing.GetProperty("ringingAt").GetString());
        var hungUp = await (await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null)).ReadJsonAsync();
        Assert.True(hungUp.GetProperty("endReason").GetString() == "cancelled", hungUp.ToString());
        // Late reports (the failed dial, the callee's participant_left) change nothing.
        await WaitUntilAsync(async () => (await Client.ListRoomsAsync([hungUp.GetProperty("roomName").GetString()!])).Count == 0);
        // The dial returns with the cancelled INVITE after the hang-up; it is kept in the history, and the room the
        // hang-up deleted is not deleted a second time.
        JsonElement late = default;
        await WaitUntilAsync(async () =>
        {
            var events = await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/events")).ReadJsonAsync();
            late = events.EnumerateArray().FirstOrDefault(e => e.GetProperty("type").GetString() == "late-dial-outcome");
            return late.ValueKind == JsonValueKind.Object;
        }, () => "the late dial outcome was recorded");
        Assert.Contains("after the call had ended", late.GetProperty("detail").GetString());
        Assert.Equal(1, host.DeleteRequests(hungUp));
        var after = await GetAsync(tenant, Id(call));
        Assert.Equal("cancelled", after.GetProperty("endReason").GetString());
        Assert.Equal(hungUp.GetProperty("endedAt").GetString(), after.GetProperty("endedAt").GetString());
    }

    [Fact]
    public async Task HangingUpRightAfterPlacingNeverRingsTheCallee()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.RingsLong);
        var hungUp = await (await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null)).ReadJsonAsync();
        Assert.Equal("cancelled", hungUp.GetProperty("endReason").GetString());
        await WaitUntilAsync(async () => (await Client.ListRoomsAsync([hungUp.GetProperty("roomName").GetString()!])).Count == 0);
        Assert.Equal(hungUp.GetRawText(), (await GetAsync(tenant, Id(call))).GetRawText());
    }

    [Fact]
    public async Task RetryingWithTheSameIdempotencyKeyAnswersTheSameCallAndDialsOnce()
    {
        var tenant = await TenantWithCallerIdAsync();
        var key = Guid.NewGuid().ToString("N");
        var first = await PlaceAsync(tenant, CallsApiFixture.Answers, key);
        var second = await PlaceAsync(tenant, CallsApiFixture.Answers, key);
        Assert.Equal(Id(first), Id(second));
        var answered = await WaitForAsync(tenant, first, c => c.GetProperty("status").GetString() == "answered");
        var third = await PlaceAsync(tenant, CallsApiFixture.Answers, key);
        Assert.Equal(Id(first), Id(third));
        Assert.Single(DialsOf(answered));
        Assert.Single(await Client.ListRoomsAsync([answered.GetProperty("roomName").GetString()!]));

        using var conflicting = Request(tenant, new { agentId = tenant.AgentId, to = CallsApiFixture.Busy }, key);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Admin.SendAsync(conflicting)).StatusCode);
        await tenant.Admin.PostAsync($"api/calls/{Id(first)}/hangup", null);
    }

    [Fact]
    public async Task ForgedUnsignedAndTamperedWebhooksAreRefusedAndChangeNothing()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Answers);
        var answered = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");
        var body = CalleeLeft(answered, "EV_forged" + Guid.NewGuid().ToString("N")[..8]);
        using var anonymous = host.Anonymous();

        var forger = new LiveKitWebhookSigner(Microsoft.Extensions.Options.Options.Create(new LiveKitOptions
        {
            Url = "http://127.0.0.1:1", ApiKey = "devkey", ApiSecret = "not-the-secret-" + Guid.NewGuid().ToString("N"),
        }), TimeProvider.System);
        var signer = host.App.Services.GetRequiredService<LiveKitWebhookSigner>();
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("CLIENT_INITIATED", "USER_REJECTED"));

        foreach (var (bytes, authorization) in new[] { (body, forger.Sign(body)), (body, (string?)null), (tampered, signer.Sign(body)) })
        {
            var response = await PostWebhookAsync(anonymous, bytes, authorization);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var after = await GetAsync(tenant, Id(call));
        Assert.Equal("answered", after.GetProperty("status").GetString());
        await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
    }

    [Fact]
    public async Task ADuplicatedWebhookChangesNothingTheSecondTime()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Answers);
        var answered = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");
        var body = CalleeLeft(answered, "EV_dup" + Guid.NewGuid().ToString("N")[..8]);
        var signer = host.App.Services.GetRequiredService<LiveKitWebhookSigner>();
        using var anonymous = host.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(anonymous, body, signer.Sign(body))).StatusCode);
        Assert.Equal("completed", (await GetAsync(tenant, Id(call))).GetProperty("endReason").GetString());
        // The end closes the room, which ends the call's recording: let that settle, then repeat the webhook.
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("recording").ValueKind == JsonValueKind.Object
                                                          && c.GetProperty("recording").GetProperty("status").GetString() == "complete");
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(anonymous, body, signer.Sign(body))).StatusCode);
        Assert.Equal(ended.GetRawText(), (await GetAsync(tenant, Id(call))).GetRawText());
    }

    [Fact]
    public async Task AHiddenParticipantLeavingChangesNothing()
    {
        var tenant = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Answers);
        var answered = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");
        var body = LiveKitWebhookSigner.Serialize(new LiveKitWebhookEvent
        {
            Event = "participant_left",
            Id = "EV_hidden" + Guid.NewGuid().ToString("N")[..8],
            Room = new LiveKitRoom { Name = answered.GetProperty("roomName").GetString()! },
            Participant = new LiveKitParticipantInfo { Identity = "callee", Permission = new LiveKitParticipantPermission { Hidden = true }, DisconnectReason = "CLIENT_INITIATED" },
        });
        var signer = host.App.Services.GetRequiredService<LiveKitWebhookSigner>();
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(anonymous, body, signer.Sign(body))).StatusCode);
        Assert.Equal("answered", (await GetAsync(tenant, Id(call))).GetProperty("status").GetString());
        await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
    }

    [Fact]
    public async Task WebhooksOfRoomsThatAreNotCallsAreAcknowledgedAndIgnored()
    {
        var signer = host.App.Services.GetRequiredService<LiveKitWebhookSigner>();
        var body = LiveKitWebhookSigner.Serialize(new LiveKitWebhookEvent { Event = "room_finished", Id = "EV_other", Room = new LiveKitRoom { Name = "someone-elses-room" } });
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(anonymous, body, signer.Sign(body))).StatusCode);
    }

    [Fact]
    public async Task AnotherTenantsCallIsNotFoundOnEveryRoute()
    {
        var owner = await TenantWithCallerIdAsync();
        var call = await PlaceAsync(owner, CallsApiFixture.RingsLong);
        var other = await host.CreateTenantAsync("Other");
        using var stranger = host.WithKey(other.AdminKey);

        await (await stranger.GetAsync($"api/calls/{Id(call)}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"api/calls/{Id(call)}/hangup", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEqual("ended", (await GetAsync(owner, Id(call))).GetProperty("status").GetString());
        await owner.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
    }

    [Fact]
    public async Task InvalidRequestsNameTheField()
    {
        var tenant = await TenantWithCallerIdAsync();
        var bad = await tenant.Admin.PostAsJsonAsync("api/calls", new { agentId = tenant.AgentId, to = "5550100" });
        Assert.Contains("to", (await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var noAgent = await tenant.Admin.PostAsJsonAsync("api/calls", new { to = CallsApiFixture.Answers });
        Assert.Contains("agentId", (await noAgent.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var unknownAgent = await tenant.Admin.PostAsJsonAsync("api/calls", new { agentId = "agt_aaaaaaaaaaaaaaaaaaaa", to = CallsApiFixture.Answers });
        Assert.Contains("agentId", (await unknownAgent.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ACallWithoutACallerIdEndsFailedAndIsNeverDialled()
    {
        var tenant = await host.CreateTenantAsync("No numbers");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id, AgentStatus.Active);
        var response = await admin.PostAsJsonAsync("api/calls", new { agentId = agent, to = CallsApiFixture.Answers });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var call = await response.ReadJsonAsync();
        Assert.Equal("ended", call.GetProperty("status").GetString());
        Assert.Equal("failed", call.GetProperty("endReason").GetString());
        Assert.StartsWith("no caller id", call.GetProperty("endDetail").GetString());
        Assert.Empty(DialsOf(call));
    }

    private LiveKitClient Client => host.Client();

    private IEnumerable<SipCallRequest> DialsOf(JsonElement call) => host.DialsOf(call);

    private Task<CallTenant> TenantWithCallerIdAsync() => host.TenantWithCallerIdAsync();
}
