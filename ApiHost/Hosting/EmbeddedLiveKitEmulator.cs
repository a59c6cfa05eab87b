using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.Silo.Telephony;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// All-in-one development mode without <c>LiveKit:Url</c>: runs the project's LiveKit emulator in this process
/// and points the platform's LiveKit settings at it, so development telephony needs nothing installed.
/// </summary>
public sealed class EmbeddedLiveKitEmulator(string url, string apiKey, string apiSecret, ILogger<EmbeddedLiveKitEmulator> logger) : IHostedService, IAsyncDisposable
{
    public const int DefaultPort = 7880;
    public const string PortSetting = "LiveKitEmulator:Port";

    private WebApplication? _emulator;

    public string Url { get; } = url;

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
        // Registered before the silo, so the emulator answers before any grain calls LiveKit.
        builder.Services.AddSingleton(sp => new EmbeddedLiveKitEmulator(url, apiKey, apiSecret, sp.GetRequiredService<ILogger<EmbeddedLiveKitEmulator>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedLiveKitEmulator>());
        return url;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _emulator = LiveKitEmulatorHost.Build(
            ["--urls", Url, "--Logging:LogLevel:Default", "Warning"],
            o =>
            {
                o.ApiKey = apiKey;
                o.ApiSecret = apiSecret;
            });
        await _emulator.StartAsync(cancellationToken);
        logger.LogInformation("Embedded LiveKit emulator listening on {Url}", Url);
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
