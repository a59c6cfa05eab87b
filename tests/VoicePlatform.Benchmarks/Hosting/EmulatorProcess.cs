using System.Diagnostics;
using System.Globalization;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// The LiveKit emulator as its own process, as LiveKit is in production (another machine): its CPU is then counted
/// apart from the platform's (the load it generates is not the platform's cost). Only the options a benchmark sets
/// are passed on its command line.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task _pump;

    private EmulatorProcess(Process process, string url, Task pump)
    {
        _process = process;
        Url = url;
        _pump = pump;
    }

    public string Url { get; }
    public int Id => _process.Id;

    public static async Task<EmulatorProcess> StartAsync(LiveKitEmulatorOptions options, string platformUrl)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var logFile = Path.Combine(Path.GetTempPath(), $"voiceplatform-bench-emulator-{Environment.ProcessId}.log");
        var arguments = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "VoicePlatform.LiveKitEmulator.dll"),
            "--urls", url,
            "--Logging:LogLevel:Default", "Warning",
        };
        void Set(string key, object value) => arguments.AddRange([$"--LiveKitEmulator:{key}", Convert.ToString(value, CultureInfo.InvariantCulture)!]);
        Set("ApiKey", options.ApiKey);
        Set("ApiSecret", options.ApiSecret);
        Set("TimeAcceleration", options.TimeAcceleration);
        Set("Webhook:Urls:0", platformUrl + "/api/livekit/webhook");
        Set("Webhook:Concurrency", options.Webhook.Concurrency);
        Set("AgentWorker:Enabled", options.AgentWorker.Enabled);
        Set("AgentWorker:Converse", options.AgentWorker.Converse);
        Set("AgentWorker:PlatformUrl", platformUrl);
        for (var i = 0; i < options.Sip.Rules.Count; i++)
        {
            Set($"Sip:Rules:{i}:Pattern", options.Sip.Rules[i].Pattern);
            Set($"Sip:Rules:{i}:Outcome", options.Sip.Rules[i].Outcome);
        }
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { } };
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log));

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The emulator exited with {process.ExitCode}; see {logFile}.");
            try
            {
                // Any answer means it listens (the root has no page).
                using var _ = await http.GetAsync("/");
                break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The emulator was not listening in {ReadyTimeout.TotalSeconds} s; see {logFile}.");
            await Task.Delay(200);
        }
        return new EmulatorProcess(process, url, pump);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
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
