using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// The real Silo program of this build as its own process on PostgreSQL (a <see cref="PlatformProcess"/>), as a node
/// of a production cluster: the wallet's chaos run kills it with SIGKILL (no graceful shutdown, no goodbye to the
/// membership table); the two-silo campaign run joins it to the benchmark's own silo and stops it gracefully.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly PlatformProcess _process;

    private SiloProcess(PlatformProcess process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }
    public string LogFile => _process.LogFile;
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <param name="configuration">More settings (LiveKit's address and keys, where webhooks may go…), as the first silo of the cluster was given.</param>
    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, string name, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var siloPort = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Operator__ApiKey"] = "vpo_benchmark_operator_key_not_a_secret_0000",
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = FreePorts.Next().ToString(),
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
            if (value is not null) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var logFile = Path.Combine(Path.GetTempPath(), $"voiceplatform-bench-{clusterId}-{name}.log");
        File.Delete(logFile);
        var process = await PlatformProcess.StartAsync($"silo {name}", AppContext.BaseDirectory, "VoicePlatform.Silo.dll", FreePorts.Next(), environment, logFile);
        return new SiloProcess(process, siloPort);
    }

    /// <summary>SIGKILL, like a crashed machine: the silo neither finishes requests nor leaves the cluster.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>SIGTERM, as an orchestrator stops a node: the silo hands its grains over and leaves the membership table.</summary>
    public Task StopAsync() => _process.StopAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
