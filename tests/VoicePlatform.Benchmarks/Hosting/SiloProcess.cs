using System.Diagnostics;
using System.Text.Json;
using VoicePlatform.Benchmarks.Measurement;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// Another silo of the benchmark's cluster, in a process of its own as a second node would be: the benchmark program
/// started again as <c>silo-host</c> (<see cref="SiloHost"/>), with the same connection string and settings as the
/// first silo, so it joins the same cluster on the same PostgreSQL. Stopped gracefully (it leaves the membership table)
/// when disposed; its output goes to a log file.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Task _pump;
    private readonly string _settingsFile;

    private SiloProcess(Process process, Task pump, string settingsFile, string logFile)
    {
        _process = process;
        _pump = pump;
        _settingsFile = settingsFile;
        LogFile = logFile;
    }

    public int Id => _process.Id;

    public string LogFile { get; }

    public static async Task<SiloProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> configuration, int number)
    {
        var settingsFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new SiloHost.Settings(connectionString, configuration)));
        var logFile = Path.Combine(Path.GetTempPath(), $"voiceplatform-bench-silo{number}-{Environment.ProcessId}.log");
        var start = SelfProcess.StartInfo(["silo-host", "--settings", settingsFile]);
        start.RedirectStandardInput = true;
        // The same program, so the same runtime settings as the first silo's process (server GC).
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { } };
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = Task.WhenAll(CopyAsync(process.StandardOutput, log, ready), CopyAsync(process.StandardError, log, null));
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(ReadyTimeout));
        if (first == exited) throw new InvalidOperationException($"The silo process exited with {process.ExitCode} before it was ready; see {logFile}.");
        if (first != ready.Task)
        {
            process.Kill();
            throw new TimeoutException($"The silo process was not ready in {ReadyTimeout.TotalSeconds} s; see {logFile}.");
        }
        return new SiloProcess(process, pump, settingsFile, logFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A graceful stop: the silo hands its activations over and leaves the membership table.
            await _process.StandardInput.WriteLineAsync(SiloHost.StopCommand);
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(); await _process.WaitForExitAsync(); }
        }
        await _pump;
        _process.Dispose();
        File.Delete(_settingsFile);
    }

    private static async Task CopyAsync(StreamReader from, StreamWriter to, TaskCompletionSource? ready)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to) to.WriteLine(line);
            if (ready is not null && line == SiloHost.ReadyLine) ready.TrySetResult();
        }
    }
}
