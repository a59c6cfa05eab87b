using System.Net.Http.Headers;
using System.Text.Json;
using VoicePlatform.LiveKitEmulator.Agents.Reports;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// The worker's side of the platform's call API for one call: posts JSON under <c>api/calls/{callId}/</c> with the
/// call's bearer credential. Every body carries its own ids (segment ids, usage id, outcome sequence), so a post is
/// safely repeated: connection errors, timeouts, 5xx and 429 are retried with doubling back-off; any other 4xx is a
/// refusal that retrying cannot change, so it is logged and the step skipped.
/// </summary>
public sealed class PlatformClient(
    HttpClient http,
    Uri platformUrl,
    AgentDispatchMetadata call,
    AgentWorkerOptions options,
    EmulatorClock clock,
    ILogger logger)
{
    public const string AnsweredByStep = "answered-by";
    public const string TranscriptStep = "transcript";
    public const string UsageStep = "usage";
    public const string OutcomeStep = "outcome";
    public const string EndStep = "end";

    /// <summary>True once the platform accepted the post; false when it refused it or every attempt failed.</summary>
    public async Task<bool> PostAsync<T>(string step, T body, CancellationToken cancellationToken)
    {
        var url = new Uri(platformUrl, $"api/calls/{Uri.EscapeDataString(call.CallId)}/{step}");
        // A step without content (end) is posted without a body, as the platform's body-less routes require.
        var bytes = body is EndReport ? null : JsonSerializer.SerializeToUtf8Bytes(body, ReportJson.Options);
        using var response = await WorkerRequests.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url);
            if (bytes is not null)
            {
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.WorkerCredential);
            return request;
        }, options, clock, logger, $"{step} for call {call.CallId} of tenant {call.TenantId}", cancellationToken);
        if (response is not null) logger.LogDebug("Agent worker posted {Step} for call {CallId}", step, call.CallId);
        return response is not null;
    }
}
