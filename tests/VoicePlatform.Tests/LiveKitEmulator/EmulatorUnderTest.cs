using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>An in-process emulator on loopback with a webhook sink, and a raw Twirp client for it.</summary>
public sealed class EmulatorUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private EmulatorUnderTest(WebApplication app, WebhookSink sink)
    {
        _app = app;
        Sink = sink;
        _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebhookSink Sink { get; }

    /// <summary>The emulator's base URL, what a LiveKit client is configured with.</summary>
    public string BaseUrl => _app.Urls.First();

    public IServiceProvider Services => _app.Services;

    public static async Task<EmulatorUnderTest> StartAsync(Action<LiveKitEmulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var sink = await WebhookSink.StartAsync();
        var app = LiveKitEmulatorHost.Build(
            ["--urls", "http://127.0.0.1:0"],
            options =>
            {
                options.ApiKey = TestTokens.ApiKey;
                options.ApiSecret = TestTokens.ApiSecret;
                options.Webhook.Urls = [sink.Url];
                configure?.Invoke(options);
            },
            time is null ? null : services => services.AddSingleton(time));
        await app.StartAsync();
        return new EmulatorUnderTest(app, sink);
    }

    public Task<TwirpResponse> CallAsync(string serviceMethod, object body, string? token, string contentType = "application/json") =>
        CallRawAsync(serviceMethod, body is string text ? text : System.Text.Json.JsonSerializer.Serialize(body), token is null ? null : "Bearer " + token, contentType);

    public async Task<TwirpResponse> CallRawAsync(string serviceMethod, string body, string? authorization, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/twirp/livekit." + serviceMethod)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(text)!.AsObject();
        }

        return new TwirpResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text, json);
    }

    /// <summary>Creates an outbound trunk and returns its id.</summary>
    public async Task<string> CreateTrunkAsync()
    {
        var response = await CallAsync("SIP/CreateSIPOutboundTrunk",
            new { trunk = new { name = "test", address = "sip.example.test", numbers = new[] { "+15550000000" } } }, TestTokens.SipAdmin());
        Assert.Equal(200, response.Status);
        return response.Json!["sip_trunk_id"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed record TwirpResponse(int Status, string ContentType, string Text, JsonObject? Json)
{
    public string? Code => Json?["code"]?.GetValue<string>();

    public string? Meta(string key) => Json?["meta"]?[key]?.GetValue<string>();
}
