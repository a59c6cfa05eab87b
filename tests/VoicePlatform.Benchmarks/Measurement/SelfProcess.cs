using System.Diagnostics;

namespace VoicePlatform.Benchmarks.Measurement;

/// <summary>This benchmark program started again as a process of its own, with other arguments (a scenario, a load generator).</summary>
public static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo { FileName = host, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Run as `dotnet VoicePlatform.Benchmarks.dll …`, or through the apphost `dotnet run` made.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }

    /// <summary>Runs it to its end, passing each line to <paramref name="line"/> (standard error flagged), and answers its exit code.</summary>
    public static async Task<int> RunAsync(IEnumerable<string> arguments, Action<string, bool> line, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(arguments, environment)) ?? throw new InvalidOperationException("Could not start the benchmark program again.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) line(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) line(e.Data, true); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
