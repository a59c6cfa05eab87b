using System.Diagnostics;
using System.Net;

namespace VoicePlatform.Benchmarks.Upgrade;

/// <summary>
/// A silo or API host of one release, started from its build directory as its own process (configured only through
/// environment variables, as deployed), ready when <c>/health/ready</c> answers, stopped with SIGTERM as an orchestrator
/// stops it.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Task _pump;

    private PlatformProcess(string name, Process process, Uri url, Task pump)
    {
        Name = name;
        _process = process;
        Url = url;
        _pump = pump;
    }

    public string Name { get; }

    public Uri Url { get; }

    /// <summary>Starts <paramref name="dll"/> in <paramref name="directory"/> and waits until it is ready; its output goes to <paramref name="logFile"/>.</summary>
    public static async Task<PlatformProcess> StartAsync(string name, string directory, string dll, int httpPort, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var url = new Uri($"http://127.0.0.1:{httpPort}/");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, dll)])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { } };
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log));
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}; see {logFile}.");
            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} was not ready in {ReadyTimeout.TotalSeconds} s; see {logFile}.");
            await Task.Delay(200);
        }
        return new PlatformProcess(name, process, url, pump);
    }

    /// <summary>SIGTERM, then waits for the process to end (the host's graceful shutdown); answers how long it took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var stopping = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill!.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(patience.Token);
        await _pump;
        return stopping.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
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
