using System.Text.Json;
using System.Net.Http.Json;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// The whole loop as in development mode: the platform dials through the emulator, the emulator's scripted agent
/// worker receives the real dispatch (with the per-call credential) and reports back over the real agent-worker API.
/// </summary>
[Collection(DemoCallsCollection.Name)]
public sealed class ScriptedWorkerCallTests(DemoCallsFixture host)
{
    [Fact]
    public async Task ADemoCallHasATranscriptUsageAndAnOutcome()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, DemoCallsFixture.Answers);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended" && c.GetProperty("outcome").ValueKind == JsonValueKind.Object);

        Assert.Equal("completed", ended.GetProperty("endReason").GetString());
        Assert.Equal("human", ended.GetProperty("answeredBy").GetString());
        Assert.Equal(["stt", "llm", "tts"], ended.GetProperty("usage").EnumerateArray().Select(u => u.GetProperty("kind").GetString()));
        var transcript = (await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.True(transcript.Count >= 2, $"{transcript.Count} segments");
        Assert.Equal("agent", transcript[0].GetProperty("speaker").GetString());
        Assert.False(string.IsNullOrWhiteSpace(transcript[0].GetProperty("text").GetString()));
        var starts = transcript.Select(s => s.GetProperty("startMs").GetInt64()).ToList();
        Assert.Equal(starts.Order(), starts);
        var events = (await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/events")).ReadJsonAsync()).EnumerateArray().Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.Contains("end-requested", events);
    }

    [Fact]
    public async Task AVoicemailBoxEndsTheCallAsVoicemail()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, DemoCallsFixture.Voicemail);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        Assert.Equal("voicemail", ended.GetProperty("endReason").GetString());
        Assert.Equal("machine", ended.GetProperty("answeredBy").GetString());
    }

    [Fact]
    public async Task TheDemoTenantCanPlaceACallWithTheLinePrintedAtStartUp()
    {
        using var demo = host.WithKey(await host.DemoApiKeyAsync());
        var placed = await demo.PostAsJsonAsync("api/calls", new
        {
            agentId = DemoTenantSeeder.DemoAgentId.Value, to = DemoCallsFixture.Answers, variables = new Dictionary<string, string> { ["first_name"] = "Maria" },
        });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, placed.StatusCode);
        var call = await placed.ReadJsonAsync();
        Assert.Equal(DemoTenantSeeder.DemoCallerId, call.GetProperty("from").GetString());
        JsonElement latest = default;
        await WaitUntilAsync(async () =>
        {
            latest = await (await demo.GetAsync($"api/calls/{Id(call)}")).ReadJsonAsync();
            return latest.GetProperty("status").GetString() == "ended" && latest.GetProperty("outcome").ValueKind == JsonValueKind.Object;
        }, () => latest.ToString());
        var transcript = (await (await demo.GetAsync($"api/calls/{Id(call)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Contains("Maria", transcript[0].GetProperty("text").GetString());
    }
}
