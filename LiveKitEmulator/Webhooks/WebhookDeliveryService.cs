using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Webhooks;

/// <summary>
/// Sends queued webhooks — one at a time in queue order, or up to <c>Webhook:Concurrency</c> at once — to every configured URL, signed as LiveKit
/// signs them: <c>Authorization: &lt;JWT&gt;</c> (no Bearer) with <c>iss</c>, a 5-minute <c>exp</c> and
/// <c>sha256</c> = base64 SHA-256 of the exact body; failures are retried with exponential back-off.
/// </summary>
public sealed class WebhookDeliveryService(
    WebhookPublisher publisher,
    IHttpClientFactory httpClients,
    EmulatorClock clock,
    IOptions<LiveKitEmulatorOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "LiveKitEmulator.Webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, options.Value.Webhook.Concurrency));
        try
        {
            await foreach (var delivery in publisher.Queue.ReadAllAsync(stoppingToken))
            {
                await clock.DelayAsync(options.Value.Webhook.Faults.Delay, stoppingToken);
                if (options.Value.Webhook.Concurrency <= 1)
                {
                    await DeliverToAllAsync(delivery, stoppingToken);
                    continue;
                }

                await slots.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverToAllAsync(delivery, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverToAllAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        foreach (var url in options.Value.Webhook.Receivers())
        {
            await DeliverAsync(url, delivery, cancellationToken);
        }
    }

    private async Task DeliverAsync(string url, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var webhook = options.Value.Webhook;
        var wait = webhook.RetryWaitMin;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(delivery.Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/webhook+json");
                request.Headers.TryAddWithoutValidation("Authorization", Sign(delivery.Body));
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LiveKit", null));
                using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                logger.LogWarning("Webhook {EventId} to {Url} answered {Status}", delivery.Id, url, (int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                logger.LogWarning("Webhook {EventId} to {Url} failed: {Error}", delivery.Id, url, e.Message);
            }

            if (attempt >= webhook.RetryMax)
            {
                logger.LogWarning("Webhook {EventId} {Event} to {Url} given up after {Attempts} attempts", delivery.Id, delivery.Event, url, attempt + 1);
                return;
            }

            await clock.DelayAsync(wait, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, webhook.RetryWaitMax.Ticks));
        }
    }

    private string Sign(byte[] body)
    {
        var root = options.Value;
        var key = root.Webhook.ApiKey.Length > 0 ? root.Webhook.ApiKey : root.ApiKey;
        var secret = root.Webhook.ApiSecret.Length > 0 ? root.Webhook.ApiSecret : root.ApiSecret;
        var now = clock.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = key,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["sha256"] = Convert.ToBase64String(SHA256.HashData(body)),
        };
        return JwtHs256.Sign(claims, secret);
    }
}
