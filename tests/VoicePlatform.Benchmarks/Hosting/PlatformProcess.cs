using System.Diagnostics;
using System.Net;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// A silo or API host started from a build directory as its own process (configured only through environment
/// variables, as deployed), its output in a log file, ready when <c>/health/ready</c> answers; stopped with SIGTERM as
/// an orchestrator stops it, or killed with SIGKILL as a machine dies. The one launcher of the benchmarks' processes:
/// the upgrade check's releases, the wallet chaos run's and the two-silo run's silos (<see cref="SiloProcess"/>).
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly Task _pump;

    private PlatformProcess(string name, Process process, Uri url, string logFile, Task pump)
    {
        Name = name;
        _process = process;
        Url = url;
        LogFile = logFile;
        _pump = pump;
    }

    public string Name { get; }

    public Uri Url { get; }

    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
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
                // Not listening yet, or listening but busy starting.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} was not ready in {ReadyTimeout.TotalSeconds} s; see {logFile}.");
            await Task.Delay(200);
        }
        return new PlatformProcess(name, process, url, logFile, pump);
    }

    /// <summary>
    /// SIGTERM, then waits for the process to end (the host's graceful shutdown: a silo hands its grains over and leaves
    /// the membership table); answers how long it took. One that has not ended after 90 s is killed, and that is an error.
    /// </summary>
    public async Task<TimeSpan> StopAsync()
    {
        var stopping = Stopwatch.StartNew();
        if (_process.HasExited) return TimeSpan.Zero;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term!.WaitForExitAsync();
        using var patience = new CancellationTokenSource(StopPatience);
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{Name} did not stop within {StopPatience.TotalSeconds} s of SIGTERM and was killed; see {LogFile}.");
        }
        await _pump;
        return stopping.Elapsed;
    }

    /// <summary>SIGKILL, like a crashed machine: the process neither finishes requests nor leaves the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
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
