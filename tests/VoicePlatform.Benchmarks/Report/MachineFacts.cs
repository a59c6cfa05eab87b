using System.Diagnostics;
using System.Globalization;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Report;

/// <summary>What the machine was, for the report: cores, processor, memory, system, PostgreSQL, the commit measured.</summary>
public sealed record MachineFacts(int Cores, string CpuModel, double MemoryGiB, string Os, string Postgres, string Commit)
{
    public static MachineFacts Read() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? "processor unknown",
        (FirstValue("/proc/meminfo", "MemTotal") is { } total && double.TryParse(total.Split(' ')[0], CultureInfo.InvariantCulture, out var kib) ? kib : 0) / 1024 / 1024,
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? Environment.OSVersion.ToString(),
        Run(Path.Combine(Path.GetDirectoryName(PostgresBinaries.Locate().InitDb)!, "postgres"), "--version") ?? "PostgreSQL (version unknown)",
        Run("git", "-C", Path.GetDirectoryName(RepositoryFiles.Path("VoicePlatform.sln"))!, "rev-parse", "--short", "HEAD") ?? "unknown");

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? FirstValue(string path, string name, char separator = ':')
    {
        if (!File.Exists(path)) return null;
        return File.ReadLines(path).Select(l => l.Split(separator, 2)).Where(p => p.Length == 2 && p[0].Trim() == name).Select(p => p[1].Trim()).FirstOrDefault();
    }

    private static string? Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
