using Microsoft.AspNetCore.Builder;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// The platform as in production, for a benchmark: the LiveKit emulator as telephony (its webhooks to the API host), a
/// silo on PostgreSQL with the emulator as its LiveKit, and the API host as the cluster's client and webhook receiver.
/// </summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    public const string ApiKey = "APIbenchmarkkey";
    public const string ApiSecret = "benchmark-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    public const string OperatorKey = "vpo_benchmark_operator_key_not_a_secret_0000";

    private readonly WebApplication? _emulator;
    private readonly EmulatorProcess? _emulatorProcess;
    private readonly WebApplication _api;

    private BenchPlatform(WebApplication? emulator, EmulatorProcess? emulatorProcess, BenchSilo silo, WebApplication api, IReadOnlyDictionary<string, string?> siloConfiguration)
    {
        _emulator = emulator;
        _emulatorProcess = emulatorProcess;
        Silo = silo;
        _api = api;
        SiloConfiguration = siloConfiguration;
    }

    public BenchSilo Silo { get; }

    /// <summary>The settings the silo was given beside its connection string (LiveKit's address and keys…): another silo of the cluster takes the same.</summary>
    public IReadOnlyDictionary<string, string?> SiloConfiguration { get; }

    /// <summary>The API host's base URL (LiveKit's webhooks and the agent worker's reports go here).</summary>
    public string ApiUrl => _api.Urls.First();

    /// <summary>The API host's services (its cluster client among them).</summary>
    public IServiceProvider ApiServices => _api.Services;

    /// <summary>The in-process emulator's services (its stores and simulators), when it runs in this process.</summary>
    public IServiceProvider? EmulatorServices => _emulator?.Services;

    /// <summary>The emulator's process id when it runs as its own process (its CPU is then counted apart).</summary>
    public int? EmulatorProcessId => _emulatorProcess?.Id;

    /// <param name="configureEmulator">The emulator's SIP rules, time, agent worker…; the keys and webhook target are set here.</param>
    /// <param name="emulatorProcess">Run the emulator as its own process, as LiveKit runs apart from the platform.</param>
    /// <param name="siloConfiguration">More settings for the silo (a benchmark's own, such as where webhooks may go).</param>
    public static async Task<BenchPlatform> StartAsync(string connectionString, Action<LiveKitEmulatorOptions> configureEmulator, bool emulatorProcess = false,
        IReadOnlyDictionary<string, string?>? siloConfiguration = null)
    {
        string? apiUrl = null;
        WebApplication? emulator = null;
        EmulatorProcess? separate = null;
        string emulatorUrl;
        // The emulator process must know the API host's address when it starts: the port is chosen first.
        var apiListen = emulatorProcess ? $"http://127.0.0.1:{VoicePlatform.Tests.Infrastructure.FreePorts.Next()}" : "http://127.0.0.1:0";
        if (emulatorProcess)
        {
            var options = new LiveKitEmulatorOptions { ApiKey = ApiKey, ApiSecret = ApiSecret };
            configureEmulator(options);
            separate = await EmulatorProcess.StartAsync(options, apiListen);
            emulatorUrl = separate.Url;
        }
        else
        {
            emulator = LiveKitEmulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"], o =>
            {
                o.ApiKey = ApiKey;
                o.ApiSecret = ApiSecret;
                o.Webhook.UrlSource = () => apiUrl is null ? [] : [apiUrl + "/api/livekit/webhook"];
                o.AgentWorker.PlatformUrlSource = () => apiUrl;
                configureEmulator(o);
            });
            await emulator.StartAsync();
            emulatorUrl = emulator.Urls.First();
        }
        var siloSettings = new Dictionary<string, string?>
        {
            ["LiveKit:Url"] = emulatorUrl,
            ["LiveKit:ApiKey"] = ApiKey,
            ["LiveKit:ApiSecret"] = ApiSecret,
            ["Calls:Metering:SettlementGrace"] = "00:00:01",
        }.Concat(siloConfiguration ?? new Dictionary<string, string?>()).ToDictionary();
        var silo = await BenchSilo.StartAsync(connectionString, siloSettings);
        var api = ApiHostApplication.Build(
        [
            "--urls", apiListen,
            "--ConnectionStrings:Postgres", connectionString,
            "--Cluster:ClusterId", BenchSilo.ServiceAndClusterId,
            "--Cluster:ServiceId", BenchSilo.ServiceAndClusterId,
            "--Operator:ApiKey", OperatorKey,
            // The benchmarks measure the platform's capacity, not the per-tenant limits in front of it.
            "--RateLimits:Enabled", "false",
            "--LiveKit:Url", emulatorUrl,
            "--LiveKit:ApiKey", ApiKey,
            "--LiveKit:ApiSecret", ApiSecret,
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await api.StartAsync();
        apiUrl = api.Urls.First();
        return new BenchPlatform(emulator, separate, silo, api, siloSettings);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.StopAsync();
        await _api.DisposeAsync();
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.StopAsync();
            await _emulator.DisposeAsync();
        }
        if (_emulatorProcess is not null) await _emulatorProcess.DisposeAsync();
    }
}
