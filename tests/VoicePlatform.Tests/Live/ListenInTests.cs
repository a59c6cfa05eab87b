using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// Listening in on a live call over HTTP: a hidden, subscribe-only LiveKit token for that call's room, removed on
/// request, audited; only on a live call, and only in the supervisor's own tenant.
/// </summary>
[Collection(CallsApiCollection.Name)]
public sealed class ListenInTests(CallsApiFixture host)
{
    [Fact]
    public async Task ASupervisorListensHiddenAndSubscribeOnlyIsAuditedAndCanStop()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var supervisorKey = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        // vpk_<key id part>_<secret>: the audit names the key by its id (key_<part>), never its secret.
        var keyId = "key_" + supervisorKey.Split('_')[1];
        using var supervisor = host.WithKey(supervisorKey);
        var call = await PlaceAsync(tenant, CallsApiFixture.Answers);
        var answered = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "answered");

        var response = await supervisor.PostAsync($"api/calls/{Id(call)}/listen", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.ReadJsonAsync();
        var identity = session.GetProperty("participantIdentity").GetString()!;
        Assert.StartsWith($"supervisor-{keyId}-", identity);
        Assert.Equal(answered.GetProperty("roomName").GetString(), session.GetProperty("roomName").GetString());
        Assert.StartsWith("ws", session.GetProperty("liveKitUrl").GetString());

        var claims = Payload(session.GetProperty("participantToken").GetString()!);
        Assert.Equal(identity, claims.GetProperty("sub").GetString());
        var video = claims.GetProperty("video");
        Assert.True(video.GetProperty("roomJoin").GetBoolean());
        Assert.Equal(answered.GetProperty("roomName").GetString(), video.GetProperty("room").GetString());
        Assert.True(video.GetProperty("hidden").GetBoolean());
        Assert.True(video.GetProperty("canSubscribe").GetBoolean());
        Assert.False(video.GetProperty("canPublish").GetBoolean());
        Assert.False(video.GetProperty("canPublishData").GetBoolean());
        Assert.InRange(claims.GetProperty("exp").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60, 121);

        var stopped = await supervisor.DeleteAsync($"api/calls/{Id(call)}/listen/{identity}");
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.DeleteAsync($"api/calls/{Id(call)}/listen/{identity}")).StatusCode);   // a repeat changes nothing
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DeleteAsync($"api/calls/{Id(call)}/listen/supervisor-nobody")).StatusCode);

        var audit = (await (await supervisor.GetAsync($"api/calls/{Id(call)}/supervision")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["listen", "stop-listening"], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.All(audit, e => Assert.Equal((keyId, identity), (e.GetProperty("actor").GetString(), e.GetProperty("participant").GetString())));

        // Another tenant's supervisor: the call does not exist for it.
        var other = await host.TenantWithCallerIdAsync();
        using var otherSupervisor = host.WithKey(await host.IssueKeyAsync(other.Id, "floor", "supervisor"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherSupervisor.PostAsync($"api/calls/{Id(call)}/listen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSupervisor.GetAsync($"api/calls/{Id(call)}/supervision")).StatusCode);

        // An ended call cannot be listened to.
        await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
        var refused = await supervisor.PostAsync($"api/calls/{Id(call)}/listen", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ended", (await refused.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    private static JsonElement Payload(string jwt) => JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement;
}
