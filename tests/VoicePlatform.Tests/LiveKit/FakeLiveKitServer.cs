using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>
/// A loopback stand-in for LiveKit's Twirp wire format: records every request and answers with what the
/// test scripted for that path (default <c>{}</c>). A reply of <c>null</c> hangs until the test ends.
/// </summary>
internal sealed class FakeLiveKitServer : IAsyncDisposable
{
    public sealed record Recorded(string Path, string? Authorization, string ContentType, string Body);

    public sealed record Reply(int Status, string Body, string ContentType = "application/json");

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Func<int, Reply?>> _replies = new();

    private FakeLiveKitServer(WebApplication app) => _app = app;

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<FakeLiveKitServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeLiveKitServer(app);
        app.MapPost("/twirp/{service}/{method}", server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    /// <summary>Scripts the answers for one method; the argument is the 1-based attempt number.</summary>
    public void On(string path, Func<int, Reply?> reply) => _replies[path] = reply;

    public void On(string path, string json) => On(path, _ => new Reply(200, json));

    public int CountOf(string path) => Requests.Count(r => r.Path == path);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value!;
        Requests.Enqueue(new Recorded(path, context.Request.Headers.Authorization, context.Request.ContentType ?? "", body));
        var reply = _replies.TryGetValue(path, out var script) ? script(CountOf(path)) : new Reply(200, "{}");
        if (reply is null)
        {
            await Task.Delay(Timeout.Infinite, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
