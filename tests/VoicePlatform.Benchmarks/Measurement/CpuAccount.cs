using System.Diagnostics;

namespace VoicePlatform.Benchmarks.Measurement;

/// <summary>
/// Where a stretch of a benchmark spent the machine's CPU, from Linux's own counters: the whole machine
/// (<c>/proc/stat</c>), this process, the PostgreSQL server's processes, and named other processes (an emulator run as
/// its own process). Sampled at the start and end of the stretch, so the figures cover exactly the work measured.
/// </summary>
public sealed class CpuAccount
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux: /proc times are in 1/100 s.

    private readonly IReadOnlyDictionary<string, Func<IEnumerable<int>>> _groups;
    private readonly Snapshot _start;

    private CpuAccount(IReadOnlyDictionary<string, Func<IEnumerable<int>>> groups)
    {
        _groups = groups;
        _start = Take();
    }

    public static bool Available => File.Exists("/proc/stat");

    /// <summary>Starts counting. Groups name the processes to report apart (evaluated at both samples).</summary>
    public static CpuAccount Start(IReadOnlyDictionary<string, Func<IEnumerable<int>>> groups) => new(groups);

    /// <summary>The processes whose command is <c>postgres</c> (the postmaster and every backend).</summary>
    public static IEnumerable<int> PostgresProcesses() => ProcessesNamed("postgres");

    public static IEnumerable<int> ProcessesNamed(string command)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string? name;
            try { name = File.ReadAllText(Path.Combine(directory, "comm")).Trim(); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (name == command) yield return pid;
        }
    }

    /// <summary>CPU milliseconds per unit of work (<paramref name="units"/>, e.g. completed calls) since the start.</summary>
    public CpuReport Finish(double units)
    {
        var end = Take();
        var busy = (end.MachineBusy - _start.MachineBusy) / TicksPerSecond * 1000;
        var idle = (end.MachineIdle - _start.MachineIdle) / TicksPerSecond * 1000;
        var self = (end.Self - _start.Self).TotalMilliseconds;
        var groups = _groups.Keys.ToDictionary(k => k, k => Delta(_start.Groups[k], end.Groups[k]) / TicksPerSecond * 1000 / units);
        return new CpuReport(busy / units, self / units, groups, busy + idle > 0 ? idle / (busy + idle) : 0);
    }

    /// <summary>Processes that ended in between are lost from a group; that undercounts, never overcounts.</summary>
    private static long Delta(IReadOnlyDictionary<int, long> start, IReadOnlyDictionary<int, long> end) =>
        end.Sum(p => p.Value - (start.TryGetValue(p.Key, out var before) ? before : 0));

    private Snapshot Take()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        // user nice system idle iowait irq softirq steal …
        var idle = fields[3] + fields[4];
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
        var groups = _groups.ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, long>)g.Value().Distinct().ToDictionary(p => p, ProcessTicks));
        return new Snapshot(busy, idle, Process.GetCurrentProcess().TotalProcessorTime, groups);
    }

    private static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command may hold spaces and parentheses: the fields start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11]) + long.Parse(fields[12]); // utime + stime
        }
        catch (IOException) { return 0; }
    }

    private sealed record Snapshot(long MachineBusy, long MachineIdle, TimeSpan Self, IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> Groups);
}

/// <summary>CPU milliseconds per unit of work: the machine, this process, each named group; and the idle share.</summary>
public sealed record CpuReport(double MachinePerUnit, double SelfPerUnit, IReadOnlyDictionary<string, double> GroupsPerUnit, double IdleShare)
{
    public string Describe(string unit) =>
        $"CPU per {unit}: machine {MachinePerUnit:F1} ms = this process {SelfPerUnit:F1} ms" +
        string.Concat(GroupsPerUnit.Select(g => $" + {g.Key} {g.Value:F1} ms")) +
        $" + other {Math.Max(0, MachinePerUnit - SelfPerUnit - GroupsPerUnit.Values.Sum()):F1} ms; idle {IdleShare:P0} of the cores";
}
