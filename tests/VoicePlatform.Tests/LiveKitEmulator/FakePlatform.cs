using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>
/// A loopback stand-in for the platform's worker endpoints (<c>POST /api/calls/{callId}/{step}</c>): records every
/// attempt as received and answers with the status <see cref="Respond"/> chooses (200 by default).
/// </summary>
public sealed class FakePlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<PlatformPost> _received = [];
    private readonly SemaphoreSlim _changed = new(0);

    private FakePlatform(WebApplication app) => _app = app;

    /// <summary>The base URL the worker is configured with.</summary>
    public string Url => _app.Urls.First();

    /// <summary>Chooses the status of each attempt, given the attempts for the same call received before it.</summary>
    public Func<PlatformPost, IReadOnlyList<PlatformPost>, int>? Respond { get; set; }

    public static async Task<FakePlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var platform = new FakePlatform(app);
        app.MapPost("/api/calls/{callId}/{step}", async (string callId, string step, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync();
            var post = new PlatformPost(callId, step, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "",
                // The end step is posted without a body.
                text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject(), 200);
            lock (platform._received)
            {
                var earlier = platform._received.Where(p => p.CallId == callId).ToArray();
                post = post with { Status = platform.Respond?.Invoke(post, earlier) ?? 200 };
                platform._received.Add(post);
            }

            platform._changed.Release();
            return Results.StatusCode(post.Status);
        });
        await app.StartAsync();
        return platform;
    }

    public IReadOnlyList<PlatformPost> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>Every attempt for one call, in arrival order.</summary>
    public IReadOnlyList<PlatformPost> For(string callId) => Received.Where(p => p.CallId == callId).ToArray();

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds for the attempts of <paramref name="callId"/>.</summary>
    public async Task<IReadOnlyList<PlatformPost>> WaitUntilAsync(string callId, Func<IReadOnlyList<PlatformPost>, bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var posts = For(callId);
            if (condition(posts))
            {
                return posts;
            }

            try
            {
                await _changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("platform posts never matched; received: " + string.Join(", ", For(callId).Select(p => $"{p.Step}:{p.Status}")));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _changed.Dispose();
    }
}

public sealed record PlatformPost(string CallId, string Step, string Authorization, string ContentType, JsonObject Body, int Status)
{
    public string BodyText => Body.ToJsonString();
}
