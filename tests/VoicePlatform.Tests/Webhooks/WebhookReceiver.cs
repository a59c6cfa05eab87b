using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>
/// A tenant's webhook receiver on a loopback port: records every POST (headers, body, when) and answers what the test
/// tells it to — a status code, or no answer at all (a hang) — so a test can watch deliveries, retries and failures.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<ReceivedWebhook> _all = new();

    /// <summary>What to answer a request: a status code, or null to hang until the platform gives up.</summary>
    public Func<ReceivedWebhook, int?> Answer { get; set; } = _ => 200;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedWebhook> All => _all;

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{**rest}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/in");
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var received = new ReceivedWebhook(
            http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
            http.Request.Headers["webhook-signature"].ToString(), http.Request.Headers.UserAgent.ToString(), body, DateTimeOffset.UtcNow);
        _all.Enqueue(received);
        _arrivals.Writer.TryWrite(received);
        if (Answer(received) is { } status)
        {
            http.Response.StatusCode = status;
            if (status >= 400) await http.Response.WriteAsync("receiver says no");
            return;
        }
        // Hang: the platform's timeout must end the attempt.
        try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
    }

    /// <summary>Reads arrivals until <paramref name="done"/> holds for what arrived so far; fails with what came after <paramref name="patience"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyCollection<ReceivedWebhook>, bool> done, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (!done(_all))
        {
            try
            {
                await _arrivals.Reader.WaitToReadAsync(timeout.Token);
                while (_arrivals.Reader.TryRead(out _)) { }
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The receiver did not get what was expected in {patience}; it got: {string.Join(", ", _all.Select(w => w.Type))}");
            }
        }
        return _all.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string UserAgent, string Body, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public JsonElement Payload => Json.GetProperty("payload");
}
