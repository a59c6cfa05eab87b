using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.LiveKitEmulator.Dispatch;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>Acting as the agent worker: its credential comes from the dispatch LiveKit got, exactly as a real worker's does.</summary>
public static class AgentWorkerTestSupport
{
    /// <summary>The per-call credential in the call's agent dispatch (waits for the dispatch, which is created while dialling).</summary>
    public static async Task<string> WorkerCredentialAsync(this ApiHostFixture host, JsonElement call)
    {
        var room = call.GetProperty("roomName").GetString()!;
        var dispatches = host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Services.GetRequiredService<DispatchStore>();
        AgentDispatch? dispatch = null;
        await CallTestSupport.WaitUntilAsync(() => Task.FromResult((dispatch = dispatches.ForRoom(room).FirstOrDefault()) is not null), () => $"no dispatch in {room}");
        using var metadata = JsonDocument.Parse(dispatch!.Metadata);
        return metadata.RootElement.GetProperty("workerCredential").GetString()!;
    }

    public static async Task<HttpClient> WorkerAsync(this ApiHostFixture host, JsonElement call) =>
        host.WithKey(await host.WorkerCredentialAsync(call));

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static object Segment(string id, string speaker, string text, long startMs, bool final = true) =>
        new { id, speaker, text, startMs, endMs = startMs + 1000, final };
}
