using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace VoicePlatform.Benchmarks.StateWrites;

/// <summary>Runs PostgreSQL's own <c>pgbench</c> (TPC-B-like: 5 statements, one commit per transaction).</summary>
public sealed partial class PgBench(string connectionString, string executable = "/usr/bin/pgbench")
{
    public const int Scale = 10;
    public const int Clients = 8;
    public const int Threads = 2;

    private readonly NpgsqlConnectionStringBuilder _target = new(connectionString);

    public string Describe(int seconds) => $"pgbench -c {Clients} -j {Threads} -T {seconds} (scale {Scale})";

    public Task InitializeAsync() => RunAsync(["-i", "-q", "-s", Scale.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));

    /// <summary>Returns transactions per second, excluding connection set-up.</summary>
    public async Task<double> RunAsync(int seconds)
    {
        var output = await RunAsync(
            ["-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", Threads.ToString(CultureInfo.InvariantCulture), "-T", seconds.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(seconds + 120));
        var match = TpsLine().Match(output);
        return match.Success
            ? double.Parse(match.Groups["tps"].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("pgbench printed no tps line:\n" + output);
    }

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-h", _target.Host!, "-p", _target.Port.ToString(CultureInfo.InvariantCulture), "-U", _target.Username!, .. arguments, _target.Database!])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pgbench {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        var output = await stdout + await stderr;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"pgbench {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
    }

    [GeneratedRegex(@"^tps = (?<tps>[0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();
}
