using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// A tenant's webhook receiver on loopback answering 200 at once, recording each delivery's arrival and its event's own
/// time. The silo must allow it: <see cref="SiloConfiguration"/>.
/// </summary>
public sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What a silo needs to deliver to a receiver on loopback over plain HTTP (allowed here only).</summary>
    public static IReadOnlyDictionary<string, string?> SiloConfiguration { get; } = new Dictionary<string, string?>
    {
        ["Webhooks:RequireHttps"] = "false",
        ["Webhooks:AllowedNetworks:0"] = "127.0.0.0/8",
    };

    public ConcurrentQueue<(DateTimeOffset Arrived, DateTimeOffset At, string Tenant, string Type)> Received { get; } = new();

    public string Url => _app.Urls.First() + "/hooks";

    public static async Task<LoopbackWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackWebhookReceiver(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            var arrived = DateTimeOffset.UtcNow;
            using var body = await JsonDocument.ParseAsync(request.Body);
            var at = DateTimeOffset.Parse(body.RootElement.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
            receiver.Received.Enqueue((arrived, at, body.RootElement.GetProperty("tenantId").GetString()!, body.RootElement.GetProperty("type").GetString()!));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
