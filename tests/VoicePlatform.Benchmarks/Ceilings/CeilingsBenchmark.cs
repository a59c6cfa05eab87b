using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Benchmarks.StateWrites;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Ceilings;

/// <summary>
/// <c>ceilings [--seconds 10] [--rounds 3] [--callers 256]</c>: what this machine can do at all, for the report to set
/// every figure against — pgbench's TPS on the benchmarks' PostgreSQL, empty grain calls per second made inside the
/// silo and through its gateway from a client process's side, and grain-state writes per second on the project's
/// schema. Each round runs them one after another, so each ratio compares neighbours in time.
/// </summary>
public static class CeilingsBenchmark
{
    /// <summary>Distinct grains the callers spread over: enough that no single activation is the limit.</summary>
    private const int Grains = 1024;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var seconds = options.Int("seconds", 10);
        var rounds = options.Int("rounds", 3);
        var callers = options.Int("callers", 256);
        var duration = TimeSpan.FromSeconds(seconds);

        var pgbenchDatabase = await PostgresServer.CreateEmptyDatabaseAsync("ceiling_pgbench");
        var platformDatabase = await PostgresServer.CreateDatabaseAsync("ceiling_platform");
        var pgbench = new PgBench(pgbenchDatabase);
        await pgbench.InitializeAsync();
        Console.WriteLine($"ceilings: {rounds} round(s) of {seconds} s; {Environment.ProcessorCount} cores; {pgbench.Describe(seconds)}; {callers} grain callers over {Grains} grains");

        var tps = new List<double>();
        var inSilo = new List<double>();
        var viaGateway = new List<double>();
        var writes = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            tps.Add(await pgbench.RunAsync(seconds));
            await using (var silo = await BenchSilo.StartAsync(platformDatabase))
            {
                var local = silo.Grains;
                await CallAsync(local, callers, TimeSpan.FromSeconds(1));
                inSilo.Add(await CallAsync(local, callers, duration));
                using var client = await ConnectClientAsync(silo.GatewayPort);
                var remote = client.Services.GetRequiredService<IClusterClient>();
                await CallAsync(remote, callers, TimeSpan.FromSeconds(1));
                viaGateway.Add(await CallAsync(remote, callers, duration));
                await client.StopAsync();
                await silo.StopAsync();
            }
            writes.Add((await StateWritesBenchmark.RunRoundAsync(platformDatabase, round * 1_000_000L, duration)).WritesPerSecond);
            Console.WriteLine($"round {round}: pgbench {tps[^1]:F0} TPS; grain calls {inSilo[^1]:F0}/s in the silo, {viaGateway[^1]:F0}/s through the gateway; state writes {writes[^1]:F0}/s");
        }

        Figures.Emit("ceiling.pgbench", tps, "TPS");
        Figures.Emit("ceiling.grain-calls.silo", inSilo, "calls/s");
        Figures.Emit("ceiling.grain-calls.gateway", viaGateway, "calls/s");
        Figures.Emit("ceiling.state-writes", writes, "writes/s");
        return 0;
    }

    /// <summary>Empty calls per second from <paramref name="callers"/> loops, each awaiting its call before the next.</summary>
    private static async Task<double> CallAsync(IGrainFactory grains, int callers, TimeSpan duration)
    {
        var targets = Enumerable.Range(0, Grains).Select(i => grains.GetGrain<IEmptyGrain>(i)).ToArray();
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long calls = 0;
            for (var i = caller; clock.Elapsed < duration; i += callers)
            {
                await targets[i % targets.Length].PingAsync();
                calls++;
            }
            return calls;
        })));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A cluster client of its own, as an API host is: every call crosses the gateway's socket.</summary>
    private static async Task<IHost> ConnectClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = BenchSilo.ServiceAndClusterId; o.ServiceId = BenchSilo.ServiceAndClusterId; });
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
