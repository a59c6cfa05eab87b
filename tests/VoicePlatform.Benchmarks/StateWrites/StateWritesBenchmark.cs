using System.Diagnostics;
using System.Globalization;
using Npgsql;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.StateWrites;

/// <summary>
/// Durable grain-state writes per second through the production ADO.NET storage provider and the project's
/// schema, against <c>pgbench</c> TPS on the same throwaway PostgreSQL server in the same run. Each round runs
/// pgbench, then each connection-string variant, one load at a time, so the ratio compares neighbours in time.
/// </summary>
public static class StateWritesBenchmark
{
    public const int Callers = 64;

    /// <summary>Npgsql options NOTES.md measured as the cheapest win for many small writes.</summary>
    private const string TunedOptions = "No Reset On Close=true;Max Auto Prepare=20";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var seconds = options.Int("seconds", 15);
        var rounds = options.Int("rounds", 3);
        var variants = options.String("variants", "default,tuned").Split(',', StringSplitOptions.RemoveEmptyEntries);

        var pgbenchDatabase = await PostgresServer.CreateEmptyDatabaseAsync("pgbench");
        var orleansDatabase = await PostgresServer.CreateDatabaseAsync("bench_state_writes");
        var connectionStrings = variants.ToDictionary(v => v, v => v switch
        {
            "default" => orleansDatabase,
            "tuned" => orleansDatabase + ";" + TunedOptions,
            _ => throw new ArgumentException($"Unknown variant '{v}' (default, tuned)."),
        });

        var pgbench = new PgBench(pgbenchDatabase);
        Console.WriteLine($"state-writes: {rounds} round(s) of {seconds} s; {Environment.ProcessorCount} cores; PostgreSQL from PostgresServer (fsync=off, synchronous_commit=off)");
        Console.WriteLine($"  pgbench:  {pgbench.Describe(seconds)}");
        foreach (var (name, connectionString) in connectionStrings)
        {
            Console.WriteLine($"  orleans/{name}: {Callers} callers, one WriteStateAsync per call, distinct grain per caller; connection string: {Redact(connectionString)}");
        }

        var init = Stopwatch.StartNew();
        await pgbench.InitializeAsync();
        Console.WriteLine($"  pgbench -i -s {PgBench.Scale}: {init.Elapsed.TotalSeconds:F1} s");

        var tps = new List<double>();
        var results = variants.ToDictionary(v => v, _ => new List<RoundResult>());
        for (var round = 1; round <= rounds; round++)
        {
            var roundTps = await pgbench.RunAsync(seconds);
            tps.Add(roundTps);
            Console.WriteLine($"round {round}: pgbench {roundTps,9:F0} tps");
            for (var v = 0; v < variants.Length; v++)
            {
                var name = variants[v];
                var firstKey = (round * 100 + v) * 1000L;
                var result = await RunRoundAsync(connectionStrings[name], firstKey, TimeSpan.FromSeconds(seconds));
                results[name].Add(result);
                Console.WriteLine(
                    $"round {round}: orleans/{name,-8} {result.WritesPerSecond,9:F0} writes/s  p50 {result.P50Ms:F2} ms  p99 {result.P99Ms:F2} ms  " +
                    $"ratio {result.WritesPerSecond / roundTps:F2}  (silo start {result.SiloStart.TotalSeconds:F1} s)");
            }
        }

        var medianTps = Statistics.Median(tps);
        Console.WriteLine();
        Console.WriteLine($"MEDIAN pgbench            {medianTps,9:F0} tps  (rounds: {string.Join(", ", tps.Select(F0))})");
        foreach (var (name, list) in results)
        {
            var writes = Statistics.Median(list.Select(r => r.WritesPerSecond).ToList());
            var ratios = list.Select((r, i) => r.WritesPerSecond / tps[i]).ToList();
            Console.WriteLine(
                $"MEDIAN orleans/{name,-8}   {writes,9:F0} writes/s  p50 {Statistics.Median(list.Select(r => r.P50Ms).ToList()):F2} ms  " +
                $"p99 {Statistics.Median(list.Select(r => r.P99Ms).ToList()):F2} ms  " +
                $"writes/s ÷ pgbench TPS: median of per-round ratios {Statistics.Median(ratios):F2} (ratio of medians {writes / medianTps:F2})  " +
                $"(rounds: {string.Join(", ", list.Select(r => F0(r.WritesPerSecond)))})");
        }
        return 0;
    }

    public static async Task<RoundResult> RunRoundAsync(string connectionString, long firstKey, TimeSpan duration)
    {
        await using var silo = await BenchSilo.StartAsync(connectionString);
        var grains = Enumerable.Range(0, Callers).Select(i => silo.Grains.GetGrain<IStateWriteGrain>(firstKey + i)).ToArray();

        // Untimed: activations, the first INSERT of each row, JIT and connection pool warm-up.
        await RunCallersAsync(grains, WarmUp, recordLatency: false);
        var (writes, elapsed, latencies) = await RunCallersAsync(grains, duration, recordLatency: true);

        await silo.StopAsync();
        var sorted = latencies.Order().ToArray();
        return new RoundResult(writes / elapsed.TotalSeconds, Statistics.Percentile(sorted, 50), Statistics.Percentile(sorted, 99), silo.StartTime);
    }

    private static async Task<(long Writes, TimeSpan Elapsed, List<double> LatenciesMs)> RunCallersAsync(
        IStateWriteGrain[] grains, TimeSpan duration, bool recordLatency)
    {
        var perCaller = grains.Select(_ => new List<double>(capacity: 4096)).ToArray();
        var clock = Stopwatch.StartNew();
        var callers = grains.Select((grain, i) => Task.Run(async () =>
        {
            var latencies = perCaller[i];
            long sequence = 0;
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await grain.WriteAsync(++sequence);
                if (recordLatency) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return sequence;
        })).ToArray();
        var counts = await Task.WhenAll(callers);
        var elapsed = clock.Elapsed;
        return (counts.Sum(), elapsed, perCaller.SelectMany(l => l).ToList());
    }

    private static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password)) builder.Password = "***";
        return builder.ConnectionString;
    }

    private static string F0(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    public sealed record RoundResult(double WritesPerSecond, double P50Ms, double P99Ms, TimeSpan SiloStart);
}
