using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>A loopback web server that records every webhook POST exactly as received.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];
    private readonly SemaphoreSlim _changed = new(0);

    private WebhookSink(WebApplication app) => _app = app;

    public string Url => _app.Urls.First() + "/hooks";

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var webhook = new ReceivedWebhook(
                context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType ?? "",
                context.Request.Headers.UserAgent.ToString(),
                body,
                JsonNode.Parse(body)!.AsObject());
            lock (sink._received)
            {
                sink._received.Add(webhook);
            }

            sink._changed.Release();
            return Results.Ok();
        });
        await app.StartAsync();
        return sink;
    }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds for what has been received.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitUntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }

            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join(", ", Received.Select(r => $"{r.Event}:{r.RoomName}"));
                throw new TimeoutException("webhooks never matched; received: " + seen);
            }
        }
    }

    public async Task<ReceivedWebhook> WaitForAsync(string eventName, string roomName, Func<ReceivedWebhook, bool>? extra = null)
    {
        bool Match(ReceivedWebhook w) => w.Event == eventName && w.RoomName == roomName && (extra?.Invoke(w) ?? true);
        var all = await WaitUntilAsync(received => received.Any(Match));
        return all.First(Match);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _changed.Dispose();
    }
}

public sealed record ReceivedWebhook(string Authorization, string ContentType, string UserAgent, byte[] Body, JsonObject Json)
{
    public string Event => Json["event"]!.GetValue<string>();

    public string Id => Json["id"]!.GetValue<string>();

    public string RoomName => Json["room"]?["name"]?.GetValue<string>() ?? "";

    public string BodyText => Encoding.UTF8.GetString(Body);
}
