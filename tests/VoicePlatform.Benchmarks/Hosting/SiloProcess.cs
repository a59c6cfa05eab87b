using System.Diagnostics;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// The real Silo program as its own process on PostgreSQL, as a node of a production cluster: the wallet's chaos run
/// kills it with SIGKILL (no graceful shutdown, no goodbye to the membership table); the two-silo campaign run joins it
/// to the benchmark's own silo and stops it gracefully. Output goes to a log file.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly Task _pump;

    private SiloProcess(Process process, int siloPort, string logFile, Task pump)
    {
        _process = process;
        SiloPort = siloPort;
        LogFile = logFile;
        _pump = pump;
    }

    public int SiloPort { get; }
    public string LogFile { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <param name="configuration">More settings (LiveKit's address and keys, where webhooks may go…), as the first silo of the cluster was given.</param>
    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, string name, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var siloPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var logFile = Path.Combine(Path.GetTempPath(), $"voiceplatform-bench-{clusterId}-{name}.log");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "VoicePlatform.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = connectionString,
                ["Operator__ApiKey"] = "vpo_benchmark_operator_key_not_a_secret_0000",
                ["Cluster__SiloPort"] = siloPort.ToString(),
                ["Cluster__GatewayPort"] = FreePorts.Next().ToString(),
                ["Cluster__AdvertisedAddress"] = "127.0.0.1",
                ["Cluster__ClusterId"] = clusterId,
                ["Cluster__ServiceId"] = clusterId,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
                ["Logging__LogLevel__Default"] = "Warning",
                ["DOTNET_gcServer"] = "1",
            },
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
            if (value is not null) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { } };
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Silo {name} exited with {process.ExitCode}; see {logFile}.");
            try
            {
                if ((await http.GetAsync("health/ready")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Silo {name} was not ready in {ReadyTimeout.TotalSeconds} s; see {logFile}.");
            await Task.Delay(200);
        }
        return new SiloProcess(process, siloPort, logFile, pump);
    }

    /// <summary>SIGKILL, like a crashed machine: the silo neither finishes requests nor leaves the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a node: the silo hands its grains over and leaves the membership table.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _pump;
        _process.Dispose();
    }

    private static async Task CopyAsync(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to) to.WriteLine(line);
        }
    }
}
