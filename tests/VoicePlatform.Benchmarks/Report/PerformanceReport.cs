using System.Diagnostics;
using System.Globalization;
using System.Text;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Report;

/// <summary>
/// <c>report [--full] [--out docs/PERFORMANCE.md] [--only a,b]</c>: runs every scenario of <see cref="ReportPlan"/>, each
/// as its own process of this program (a scenario's memory and JIT are its own; one failing does not stop the others),
/// echoes their output, keeps it under <c>TestResults/benchmarks/</c>, reads their figures back and writes the report:
/// one table, each figure with its spread, its goal and the ceiling it is set against, measured in the same run.
/// </summary>
public static class PerformanceReport
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var full = options.Flag("full");
        var output = options.String("out", Path.Combine(RepositoryRoot(), "docs", "PERFORMANCE.md"));
        var only = options.String("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var scenarios = ReportPlan.Scenarios(full).Where(s => only.Count == 0 || only.Contains(s.Name)).ToList();
        var logs = Path.Combine(RepositoryRoot(), "TestResults", "benchmarks", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(logs);

        var machine = MachineFacts.Read();
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineFacts.LoadAverage();
        Console.WriteLine($"report: {scenarios.Count} scenarios{(full ? " (full)" : "")}; logs in {logs}");
        var runs = new List<ScenarioRun>();
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"== {scenario.Name}: {string.Join(' ', scenario.Arguments)}");
            runs.Add(await RunScenarioAsync(scenario, Path.Combine(logs, scenario.Name + ".log")));
            Console.WriteLine($"== {scenario.Name}: exit {runs[^1].ExitCode} after {runs[^1].Elapsed.TotalMinutes:F1} min, {runs[^1].Figures.Count} figures");
        }
        var figures = new FigureSet(runs.SelectMany(r => r.Figures));
        var markdown = Write(full, machine, started, DateTimeOffset.UtcNow, loadAtStart, MachineFacts.LoadAverage(), runs, figures, options);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine($"report written to {output}");
        return runs.All(r => r.ExitCode == 0) ? 0 : 1;
    }

    private sealed record ScenarioRun(Scenario Scenario, int ExitCode, TimeSpan Elapsed, IReadOnlyList<Figure> Figures);

    private static async Task<ScenarioRun> RunScenarioAsync(Scenario scenario, string logPath)
    {
        var figures = new List<Figure>();
        var clock = Stopwatch.StartNew();
        await using var log = new StreamWriter(logPath);
        var gate = new object();
        var exitCode = await SelfProcess.RunAsync(scenario.Arguments, (line, error) =>
        {
            lock (gate)
            {
                log.WriteLine(line);
                // The platform's own structured logs (a few lines per call, as in production) go to the log file only.
                if (!line.StartsWith("info: ", StringComparison.Ordinal) && !line.StartsWith("dbug: ", StringComparison.Ordinal))
                    Console.WriteLine($"  {scenario.Name}{(error ? "!" : ">")} {line}");
                if (Figures.Parse(line) is { } figure) figures.Add(figure);
            }
        }, scenario.Environment);
        return new ScenarioRun(scenario, exitCode, clock.Elapsed, figures);
    }

    private static string Write(bool full, MachineFacts machine, DateTimeOffset started, DateTimeOffset ended, string loadAtStart, string loadAtEnd,
        IReadOnlyList<ScenarioRun> runs, FigureSet figures, CommandLine options)
    {
        var text = new StringBuilder();
        text.AppendLine("# VoicePlatform performance report");
        text.AppendLine();
        text.AppendLine($"Produced by `dotnet run -c Release --project tests/VoicePlatform.Benchmarks -- report{(full ? " --full" : "")}` " +
                        $"from commit `{machine.Commit}`, {started:yyyy-MM-dd HH:mm} to {ended:HH:mm} UTC ({(ended - started).TotalMinutes:F0} minutes). " +
                        "Every figure below was measured in this one run; each is the median of its rounds, with every round's value beside it. " +
                        "Nothing here is edited by hand — the bottlenecks section is copied from `tests/VoicePlatform.Benchmarks/Report/Findings.md`, the record of the investigations — so run the command again to replace it.");
        text.AppendLine();
        text.AppendLine("## The machine");
        text.AppendLine();
        text.AppendLine($"- {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryGiB:F1} GiB memory; {machine.Os}");
        text.AppendLine($"- .NET {Environment.Version}; {machine.Postgres}, a throwaway server started by each scenario with `fsync=off` and `synchronous_commit=off` (the durable settings are a separate row when measured)");
        text.AppendLine($"- load average at the start {loadAtStart}, at the end {loadAtEnd}. The machine is shared and noisy: compare figures with the ceilings beside them, measured in the same run, rather than with other runs.");
        text.AppendLine();
        text.AppendLine("## Figures against goals and ceilings");
        text.AppendLine();
        text.AppendLine("| scenario | figure (median) | rounds | goal | met | ceiling in the same run |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in ReportPlan.Rows)
        {
            var figure = figures[row.FigureKey];
            var value = figure is null ? "not measured" : $"**{Figures.Format(figure.Median)}** {figure.Unit}";
            var spread = figure is null ? "" : string.Join(", ", figure.Runs.Select(Figures.Format));
            var met = figure is null || row.Meets is null ? "" : row.Meets(figure.Median) ? "yes" : "**no**";
            text.AppendLine($"| {row.Label} | {value} | {spread} | {row.Goal} | {met} | {row.Ceiling?.Invoke(figures) ?? ""} |");
        }
        text.AppendLine();
        text.AppendLine("## How cost grows with the work");
        foreach (var (title, dimension, points, series) in ReportPlan.Curves)
        {
            text.AppendLine();
            text.AppendLine($"### {title}");
            text.AppendLine();
            text.AppendLine($"| {dimension} | {string.Join(" | ", series.Select(s => s.Label))} |");
            text.AppendLine($"| --- | {string.Join(" | ", series.Select(_ => "---"))} |");
            foreach (var point in points)
            {
                var keys = series.Select(s => string.Format(CultureInfo.InvariantCulture, s.KeyFormat, point)).ToList();
                // A point this run did not measure (the default run measures the headline points; --full the whole curve).
                if (keys.All(k => figures[k] is null)) continue;
                text.AppendLine($"| {point:N0} | {string.Join(" | ", keys.Select(figures.Show))} |");
            }
            if (points.Any(p => series.All(s => figures[string.Format(CultureInfo.InvariantCulture, s.KeyFormat, p)] is null)))
                text.AppendLine().AppendLine($"The other points ({string.Join(", ", points.Where(p => series.All(s => figures[string.Format(CultureInfo.InvariantCulture, s.KeyFormat, p)] is null)).Select(p => p.ToString("N0", CultureInfo.InvariantCulture)))}) are measured by `report --full`.");
        }
        // The investigations behind the figures (what bottleneck, what changed it, before and after) are written by
        // hand beside the plan — a run cannot know them — and copied in as they are.
        var findings = Path.Combine(RepositoryRoot(), "tests", "VoicePlatform.Benchmarks", "Report", "Findings.md");
        if (File.Exists(findings))
        {
            text.AppendLine();
            text.AppendLine(File.ReadAllText(findings).TrimEnd());
        }
        text.AppendLine();
        text.AppendLine("## The scenarios of this run");
        text.AppendLine();
        text.AppendLine("| scenario | command | what it measures | minutes | exit |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var run in runs)
            text.AppendLine($"| {run.Scenario.Name} | `… -- {string.Join(' ', run.Scenario.Arguments)}` | {run.Scenario.Purpose} | {run.Elapsed.TotalMinutes:F1} | {run.ExitCode} |");
        text.AppendLine();
        text.AppendLine("## Every figure the scenarios printed");
        text.AppendLine();
        text.AppendLine("| key | median | rounds | unit | note |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var figure in figures.All)
            text.AppendLine($"| `{figure.Key}` | {Figures.Format(figure.Median)} | {string.Join(", ", figure.Runs.Select(Figures.Format))} | {figure.Unit} | {figure.Note ?? ""} |");
        return text.ToString();
    }

    private static string RepositoryRoot() => Path.GetDirectoryName(RepositoryFiles.Path("VoicePlatform.sln"))!;
}
