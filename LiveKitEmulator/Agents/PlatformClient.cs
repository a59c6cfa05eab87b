using System.Net;
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
        var wait = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url);
                if (bytes is not null)
                {
                    request.Content = new ByteArrayContent(bytes);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                }
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.WorkerCredential);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogDebug("Agent worker posted {Step} for call {CallId}", step, call.CallId);
                    return true;
                }

                var status = (int)response.StatusCode;
                if (status < 500 && response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
                {
                    logger.LogWarning("Agent worker {Step} for call {CallId} of tenant {TenantId} refused with {Status}; step skipped",
                        step, call.CallId, call.TenantId, status);
                    return false;
                }

                failure = $"HTTP {status}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout; the caller's cancellation (shutdown) propagates instead.
                failure = "timed out";
            }

            if (attempt > options.RetryMax)
            {
                logger.LogWarning("Agent worker {Step} for call {CallId} of tenant {TenantId} given up after {Attempts} attempts: {Failure}",
                    step, call.CallId, call.TenantId, attempt, failure);
                return false;
            }

            logger.LogInformation("Agent worker {Step} for call {CallId} failed ({Failure}); retry {Retry} of {RetryMax}",
                step, call.CallId, failure, attempt, options.RetryMax);
            await clock.DelayAsync(wait, cancellationToken);
            wait *= 2;
        }
    }
}
