using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.Silo.Telephony;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// All-in-one development mode without <c>LiveKit:Url</c>: runs the project's LiveKit emulator in this process
/// and points the platform's LiveKit settings at it, so development telephony needs nothing installed. The
/// emulator takes its <c>LiveKitEmulator:*</c> settings (SIP outcome rules, time acceleration, …) from this host's
/// configuration, and sends its webhooks to this host's own <c>/api/livekit/webhook</c> once the host listens. Its
/// scripted agent worker is on unless <c>LiveKitEmulator:AgentWorker:Enabled</c> is false, so a demo call has a
/// transcript and an outcome; it reports to this host's own address too.
/// </summary>
public sealed class EmbeddedLiveKitEmulator(
    string url,
    string apiKey,
    string apiSecret,
    IConfiguration emulatorSettings,
    IServer server,
    ILogger<EmbeddedLiveKitEmulator> logger) : IHostedService, IAsyncDisposable
{
    public const int DefaultPort = 7880;
    public const string PortSetting = "LiveKitEmulator:Port";
    public const string WebhookPath = "/api/livekit/webhook";

    private WebApplication? _emulator;

    public string Url { get; } = url;

    /// <summary>The emulator's services (its room and SIP stores), once started; for tests and diagnostics.</summary>
    public IServiceProvider Services => _emulator?.Services ?? throw new InvalidOperationException("The embedded LiveKit emulator has not started.");

    /// <summary>Configures <c>LiveKit:*</c> for the emulator when no LiveKit is configured and answers its URL; null when one is.</summary>
    public static string? ConfigureIfNeeded(WebApplicationBuilder builder)
    {
        if (builder.Configuration.IsLiveKitConfigured()) return null;
        var portText = builder.Configuration[PortSetting];
        var port = DefaultPort;
        if (portText is not null && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
            throw new Silo.Hosting.PlatformConfigurationException(PortSetting, $"'{portText}' is not a port number (1–65535).");

        var url = $"http://127.0.0.1:{port}";
        var apiKey = "devkey";
        var apiSecret = "dev-" + RandomIds.Create(40);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveKit:Url"] = url,
            ["LiveKit:ApiKey"] = apiKey,
            ["LiveKit:ApiSecret"] = apiSecret,
        });
        var settings = builder.Configuration.GetSection(LiveKitEmulatorOptions.SectionName);
        // Registered before the silo, so the emulator answers before any grain calls LiveKit.
        builder.Services.AddSingleton(sp => new EmbeddedLiveKitEmulator(url, apiKey, apiSecret, settings,
            sp.GetRequiredService<IServer>(), sp.GetRequiredService<ILogger<EmbeddedLiveKitEmulator>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedLiveKitEmulator>());
        return url;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _emulator = LiveKitEmulatorHost.Build(
            ["--urls", Url, "--Logging:LogLevel:Default", "Warning"],
            o =>
            {
                // On by default here, unlike the standalone emulator: in development this host is the platform it reports to.
                o.AgentWorker.Enabled = true;
                emulatorSettings.Bind(o);
                o.ApiKey = apiKey;
                o.ApiSecret = apiSecret;
                o.Webhook.ApiKey = "";
                o.Webhook.ApiSecret = "";
                o.Webhook.UrlSource = OwnWebhookUrls;
                o.AgentWorker.PlatformUrlSource = () => OwnBaseUri()?.ToString();
            });
        await _emulator.StartAsync(cancellationToken);
        logger.LogInformation("Embedded LiveKit emulator listening on {Url}", Url);
    }

    /// <summary>This host's webhook receiver, once it listens.</summary>
    private IEnumerable<string> OwnWebhookUrls()
    {
        if (OwnBaseUri() is { } own) yield return new Uri(own, WebhookPath).ToString();
    }

    /// <summary>
    /// This host's own http address, from the addresses it listens on; null before it listens (a port still 0).
    /// Wildcard hosts are reached through loopback.
    /// </summary>
    private Uri? OwnBaseUri()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var normalized = address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1");
            if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Port > 0 && uri.Scheme == Uri.UriSchemeHttp)
            {
                return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
            }
        }
        return null;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_emulator is not null) await _emulator.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}
