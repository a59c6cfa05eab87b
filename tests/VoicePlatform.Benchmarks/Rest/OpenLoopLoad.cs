using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using VoicePlatform.Benchmarks.Measurement;

namespace VoicePlatform.Benchmarks.Rest;

/// <summary>
/// <c>http-load --base URL --paths FILE [--key K] [--rate 1000] [--seconds 15] [--warmup 2] [--connections 64]</c>: the
/// project's open-loop HTTP load generator, run as its own process. Request <c>i</c> is due at <c>start + i / rate</c>
/// and is sent then whether or not earlier answers have come back (a slow answer cannot slow the load), round-robin
/// over the paths in FILE. Each latency is measured from the request's <em>due</em> time to its answer, so any lag of
/// the generator itself counts against the server, never in its favour; the generator's own send lag is printed beside.
/// </summary>
public static class OpenLoopLoad
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var baseUrl = options.String("base", "") is { Length: > 0 } url ? new Uri(url) : throw new ArgumentException("--base is required.");
        var paths = File.ReadAllLines(options.String("paths", "") is { Length: > 0 } file ? file : throw new ArgumentException("--paths is required."))
            .Where(l => l.Length > 0).ToArray();
        var rate = options.Int("rate", 1000);
        var seconds = options.Int("seconds", 15);
        var warmup = options.Int("warmup", 2);
        var connections = options.Int("connections", 64);
        var key = options.String("key", "");

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30),
        };
        if (key.Length > 0) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var total = rate * (warmup + seconds);
        var counted = warmup * rate;
        var latencies = new ConcurrentBag<double>();
        var sendLags = new ConcurrentBag<double>();
        var errors = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.TicksPerSecond / (double)rate;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromTicks((long)(i * interval));
            var ahead = due - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1)) await Task.Delay(ahead);
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                var lag = clock.Elapsed - due;
                try
                {
                    using var response = await client.GetAsync(paths[index % paths.Length], HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
                if (index < counted) return;
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                sendLags.Add(lag.TotalMilliseconds);
            }));
        }
        var sent = clock.Elapsed;
        await Task.WhenAll(inFlight);
        var sorted = latencies.Order().ToArray();
        var lags = sendLags.Order().ToArray();
        var achieved = total / sent.TotalSeconds;
        Console.WriteLine($"http-load: {total} requests ({counted} warm-up) at {rate}/s over {connections} connections; offered {achieved:F0}/s; " +
            $"latency from due time p50 {Statistics.Percentile(sorted, 50):F2} ms, p99 {Statistics.Percentile(sorted, 99):F2} ms, p99.9 {Statistics.Percentile(sorted, 99.9):F2} ms, max {sorted[^1]:F2} ms; " +
            $"generator send lag p99 {Statistics.Percentile(lags, 99):F2} ms; errors {errors}");
        Figures.Emit("http-load.p50", Statistics.Percentile(sorted, 50), "ms");
        Figures.Emit("http-load.p99", Statistics.Percentile(sorted, 99), "ms");
        Figures.Emit("http-load.max", sorted[^1], "ms");
        Figures.Emit("http-load.offered", achieved, "requests/s");
        Figures.Emit("http-load.send-lag.p99", Statistics.Percentile(lags, 99), "ms");
        Figures.Emit("http-load.errors", errors, "requests");
        return 0;
    }
}
