using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Tests.Branding;

namespace VoicePlatform.Tests.Http;

/// <summary>A browser test call opens a real room with the agent dispatched into it on the embedded emulator.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class TestCallTests(ApiHostFixture host)
{
    [Fact]
    public async Task ATestCallOpensARoomDispatchesTheAgentAndReturnsAJoinToken()
    {
        var tenant = await host.CreateTenantAsync();
        var admin = new BrandingClient(host.WithKey(tenant.AdminKey));
        var persona = await admin.CreatePersonaAsync(BrandingClient.Id(await admin.CreateBrandAsync("Test Call Co")));
        var agentId = BrandingClient.Id(await admin.CreateAgentAsync(BrandingClient.Id(persona)));

        var response = await admin.Http.PostAsync($"api/agents/{agentId}/test-call", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await response.ReadJsonAsync();
        var room = session.GetProperty("roomName").GetString()!;
        // LiveKit's client SDKs connect over WebSocket: the session names ws:// (wss:// for an https LiveKit).
        Assert.StartsWith("ws://127.0.0.1:", session.GetProperty("liveKitUrl").GetString());
        Assert.StartsWith("AD_", session.GetProperty("dispatchId").GetString());

        // The room exists at LiveKit (the emulator), carrying the agent's compiled instructions.
        var liveKit = host.App.Services.GetRequiredService<LiveKitClient>();
        var listed = Assert.Single(await liveKit.ListRoomsAsync([room]));
        Assert.Contains("Test Call Co", listed.Metadata);

        // The token admits exactly this participant to exactly this room.
        var claims = JsonDocument.Parse(Base64UrlDecode(session.GetProperty("participantToken").GetString()!.Split('.')[1])).RootElement;
        Assert.Equal(session.GetProperty("participantIdentity").GetString(), claims.GetProperty("sub").GetString());
        Assert.Equal(room, claims.GetProperty("video").GetProperty("room").GetString());
        Assert.True(claims.GetProperty("video").GetProperty("roomJoin").GetBoolean());

        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "sup", "supervisor"));
        await (await supervisor.PostAsync($"api/agents/{agentId}/test-call", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var other = await host.CreateTenantAsync();
        using var intruder = host.WithKey(other.AdminKey);
        await (await intruder.PostAsync($"api/agents/{agentId}/test-call", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Base64UrlDecode(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
