using System.Globalization;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.SiloStart;

/// <summary>
/// Wall time from the first line of host building to "this silo is Active", for the production silo host on
/// PostgreSQL and, for comparison, in development (in-memory) mode. Each start follows the previous silo's
/// graceful stop, in one process (so the very first start also pays for JIT).
/// </summary>
public static class SiloStartBenchmark
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var starts = options.Int("starts", 5);
        var mode = options.String("mode", "both");
        if (mode is not ("postgres" or "memory" or "both")) throw new ArgumentException("--mode must be postgres, memory or both.");

        Console.WriteLine($"silo-start: {starts} start(s) per mode, each after the previous silo stopped; {Environment.ProcessorCount} cores");
        if (mode is "postgres" or "both")
        {
            var connectionString = await PostgresServer.CreateDatabaseAsync("bench_silo_start");
            await MeasureAsync("postgres", connectionString, starts);
        }
        if (mode is "memory" or "both")
        {
            await MeasureAsync("memory", connectionString: null, starts);
        }
        return 0;
    }

    private static async Task MeasureAsync(string name, string? connectionString, int starts)
    {
        var startTimes = new List<double>();
        var stopTimes = new List<double>();
        for (var i = 1; i <= starts; i++)
        {
            await using var silo = await BenchSilo.StartAsync(connectionString);
            var stop = await silo.StopAsync();
            startTimes.Add(silo.StartTime.TotalMilliseconds);
            stopTimes.Add(stop.TotalMilliseconds);
            Console.WriteLine($"{name} start {i}: build→Active {silo.StartTime.TotalMilliseconds,7:F0} ms   graceful stop {stop.TotalMilliseconds,7:F0} ms");
        }

        Console.WriteLine(
            $"MEDIAN {name}: build→Active {Statistics.Median(startTimes):F0} ms  (first start of this mode: {startTimes[0]:F0} ms; " +
            $"median of starts 2..{starts}: {(starts > 1 ? Statistics.Median(startTimes[1..]).ToString("F0", CultureInfo.InvariantCulture) : "n/a")} ms)  " +
            $"graceful stop {Statistics.Median(stopTimes):F0} ms");
    }
}
