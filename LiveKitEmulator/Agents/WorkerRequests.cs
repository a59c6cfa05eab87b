using System.Net;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// How the worker sends to the platform: connection errors, timeouts, 5xx, 408 and 429 are retried with doubling
/// back-off on the emulator clock; any other 4xx is a refusal retrying cannot change. Every body the worker sends carries
/// its own ids, so a repeat is safe.
/// </summary>
public static class WorkerRequests
{
    /// <summary>The successful response (the caller disposes it), or null when the platform refused or every attempt failed.</summary>
    public static async Task<HttpResponseMessage?> SendAsync(HttpClient http, Func<HttpRequestMessage> request, AgentWorkerOptions options, Hosting.EmulatorClock clock,
        ILogger logger, string what, CancellationToken cancellationToken)
    {
        var wait = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var message = request();
                var response = await http.SendAsync(message, cancellationToken);
                if (response.IsSuccessStatusCode) return response;
                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status < 500 && response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
                    {
                        logger.LogWarning("Agent worker {What} refused with {Status}: {Body}", what, status, await response.Content.ReadAsStringAsync(cancellationToken));
                        return null;
                    }
                    failure = $"HTTP {status}";
                }
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
                logger.LogWarning("Agent worker {What} given up after {Attempts} attempts: {Failure}", what, attempt, failure);
                return null;
            }

            logger.LogInformation("Agent worker {What} failed ({Failure}); retry {Retry} of {RetryMax}", what, failure, attempt, options.RetryMax);
            await clock.DelayAsync(wait, cancellationToken);
            wait *= 2;
        }
    }
}
