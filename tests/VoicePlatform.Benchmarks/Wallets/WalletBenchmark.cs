using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Silo.Wallets;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Wallets;

namespace VoicePlatform.Benchmarks.Wallets;

/// <summary>
/// Wallet operations per second for one tenant with the PostgreSQL ledger, and the money drift after a chaos run.
/// </summary>
/// <remarks>
/// Throughput: one production silo host (<see cref="BenchSilo"/>) on a migrated database; many concurrent callers in
/// the silo's process each run call-shaped flows (reserve → debit → settle, fresh reference per flow) through
/// <see cref="IWalletOperationsGrain"/>, all on one tenant. Chaos: two Silo processes and an Orleans client (as
/// ApiHost reaches the cluster); callers repeat some operations at random (after the answer and concurrently), the
/// process hosting the wallet is killed with SIGKILL mid-run and a replacement started; every flow is finished with
/// retries (same keys), then the expected balance is compared with the wallet's and the ledger checks itself.
/// </remarks>
public static class WalletBenchmark
{
    private const long Opening = 1_000_000_000_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var seconds = options.Int("seconds", 10);
        var rounds = options.Int("rounds", 3);
        var callers = options.Int("callers", 256);
        var chaosSeconds = options.Int("chaos-seconds", 45);
        var chaosCallers = options.Int("chaos-callers", 32);
        var mode = options.String("mode", "both");
        if (mode is not ("both" or "throughput" or "chaos")) throw new ArgumentException("--mode must be both, throughput or chaos.");

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_wallet");
        Console.WriteLine($"wallet: {Environment.ProcessorCount} cores; PostgreSQL from PostgresServer (fsync=off, synchronous_commit=off); load average {LoadAverage()}");
        var failed = false;
        if (mode is "both" or "throughput") await ThroughputAsync(connectionString, seconds, rounds, callers);
        if (mode is "both" or "chaos") failed = !await ChaosAsync(connectionString, chaosSeconds, chaosCallers);
        Console.WriteLine($"load average at end {LoadAverage()}");
        return failed ? 1 : 0;
    }

    private static async Task ThroughputAsync(string connectionString, int seconds, int rounds, int callers)
    {
        Console.WriteLine($"throughput: {rounds} round(s) of {seconds} s after {WarmUp.TotalSeconds:F0} s warm-up; {callers} concurrent callers in the silo process, " +
            "each running reserve → debit → settle flows on its own references, one tenant, through IWalletOperationsGrain");
        var results = new List<(double OpsPerSecond, double P50, double P99, double PerCommit)>();
        for (var round = 1; round <= rounds; round++)
        {
            await using var silo = await BenchSilo.StartAsync(connectionString);
            var grains = silo.Grains;
            var store = silo.Services.GetRequiredService<PostgresWalletLedgerStore>();
            var tenant = await CreateTenantAsync(grains);

            await RunFlowsAsync(grains, tenant, callers, WarmUp, $"warm{round}", latencies: null);
            var (commits, entries, commitTime) = (store.Commits, store.Entries, store.CommitTime);
            var latencies = new ConcurrentBag<double[]>();
            var clock = Stopwatch.StartNew();
            var operations = await RunFlowsAsync(grains, tenant, callers, TimeSpan.FromSeconds(seconds), $"r{round}", latencies);
            var elapsed = clock.Elapsed;
            var transactions = Math.Max(1, store.Commits - commits);
            var perCommit = (store.Entries - entries) / (double)transactions;
            var commitMs = (store.CommitTime - commitTime).TotalMilliseconds / transactions;
            var sorted = latencies.SelectMany(l => l).Order().ToArray();
            var result = (operations / elapsed.TotalSeconds, Statistics.Percentile(sorted, 50), Statistics.Percentile(sorted, 99), perCommit);
            results.Add(result);
            var check = await store.CheckAsync(tenant);
            Console.WriteLine($"round {round}: {result.Item1,8:F0} operations/s  p50 {result.Item2:F2} ms  p99 {result.Item3:F2} ms  " +
                $"{perCommit:F1} entries per transaction ({transactions / elapsed.TotalSeconds:F0}/s, {commitMs:F2} ms each)  ledger {(check.Consistent ? "consistent" : "INCONSISTENT")} ({check.Entries} entries)  load average {LoadAverage()}");
            await silo.StopAsync();
        }
        Console.WriteLine(
            $"MEDIAN throughput {Statistics.Median(results.Select(r => r.OpsPerSecond).ToList()),8:F0} operations/s  " +
            $"p50 {Statistics.Median(results.Select(r => r.P50).ToList()):F2} ms  p99 {Statistics.Median(results.Select(r => r.P99).ToList()):F2} ms  " +
            $"{Statistics.Median(results.Select(r => r.PerCommit).ToList()):F1} entries per transaction  (rounds: {string.Join(", ", results.Select(r => F0(r.OpsPerSecond)))})");
        Figures.Emit("wallet.operations", results.Select(r => r.OpsPerSecond).ToList(), "operations/s", $"{callers} callers, one tenant");
        Figures.Emit("wallet.operation.p99", results.Select(r => r.P99).ToList(), "ms");
    }

    // Each caller runs flows back to back until the time is up; returns the operations answered.
    private static async Task<long> RunFlowsAsync(IGrainFactory grains, TenantId tenant, int callers, TimeSpan duration, string prefix,
        ConcurrentBag<double[]>? latencies)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var wallet = grains.GetWalletOperations(tenant);
            var random = new Random(caller);
            var mine = new List<double>(capacity: 8192);
            long operations = 0;
            for (var flow = 0; clock.Elapsed < duration; flow++)
            {
                foreach (var operation in Flow($"{prefix}-{caller}-{flow}", random))
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await wallet.ExecuteAsync(operation);
                    if (result.Status != WalletOperationStatus.Applied) throw new InvalidOperationException($"{operation} answered {result.Status}.");
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    operations++;
                }
            }
            latencies?.Add([.. mine]);
            return operations;
        })));
        return counts.Sum();
    }

    private static async Task<bool> ChaosAsync(string connectionString, int seconds, int callers)
    {
        var clusterId = "bench-chaos-" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"chaos: {callers} callers for {seconds} s through an Orleans client; two Silo processes on PostgreSQL ({clusterId}); " +
            $"20 % of operations sent again after their answer and 10 % twice at once; at {seconds / 3} s the process hosting the wallet is " +
            "killed (SIGKILL) and a replacement started; every flow is then finished with retries");
        var silos = new List<SiloProcess>
        {
            await SiloProcess.StartAsync(connectionString, clusterId, "a"),
            await SiloProcess.StartAsync(connectionString, clusterId, "b"),
        };
        using var client = await StartClientAsync(connectionString, clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        try
        {
            await WaitForActiveSilosAsync(grains, 2);
            var tenant = await CreateTenantAsync(grains);
            var stats = new ChaosStats();
            var clock = Stopwatch.StartNew();
            var duration = TimeSpan.FromSeconds(seconds);
            var workers = Enumerable.Range(0, callers).Select(caller => Task.Run(() => ChaosCallerAsync(grains, tenant, caller, clock, duration, stats))).ToArray();
            var timeline = RecordTimelineAsync(stats, Task.WhenAll(workers));

            await Task.Delay(duration / 3);
            var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetWallet(tenant));
            var victim = silos.FirstOrDefault(s => host is not null && host.Endpoint.Port == s.SiloPort) ?? silos[0];
            await victim.KillAsync();
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F1} s: killed silo process {victim.Id} (port {victim.SiloPort}) hosting the wallet; " +
                $"{Interlocked.Read(ref stats.Operations)} operations answered so far");
            silos.Add(await SiloProcess.StartAsync(connectionString, clusterId, "c"));
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F1} s: replacement silo process started");

            await Task.WhenAll(workers);
            Console.WriteLine($"  operations answered per 5 s: {string.Join(" ", await timeline)}");
            Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F1} s: all flows finished: {stats.Flows} flows, {stats.Operations} operations answered, " +
                $"{stats.Replays} sent again after their answer, {stats.Duplicates} sent twice at once, {stats.Retries} retries after a failed call");

            var wallet = await WithRetriesAsync(() => grains.GetWallet(tenant).GetAsync());
            var expected = Opening - Interlocked.Read(ref stats.Charged);
            await using var store = new PostgresWalletLedgerStore(connectionString);
            var check = await store.CheckAsync(tenant);
            var drift = expected - wallet.Balance;
            Console.WriteLine($"  repeats answered with a different status than Replayed: {stats.WrongReplays}");
            Console.WriteLine($"  expected balance {expected}, actual {wallet.Balance}, reserved {wallet.Reserved}: MONEY DRIFT (expected − actual) = {drift}");
            Console.WriteLine($"  ledger check: {check.Entries} entries (distinct operations + opening credit = {stats.Keys.Count + 1}), " +
                $"Σ balance changes {check.SumOfBalanceChanges} vs stored balance {check.Balance} (difference {check.SumOfBalanceChanges - check.Balance}), " +
                $"Σ reserved changes {check.SumOfReservedChanges} = reserved {check.Reserved} = open reservations {check.SumOfOpenReservations}, " +
                $"broken entries {check.BrokenEntries}: {(check.Consistent ? "CONSISTENT" : "INCONSISTENT")}");

            // Every key once more, long after and on a cluster that lost a silo: nothing may move.
            var again = await SecondPassAsync(grains, tenant, stats.Keys);
            var after = await WithRetriesAsync(() => grains.GetWallet(tenant).GetAsync());
            Console.WriteLine($"  second pass: all {stats.Keys.Count} operations sent again: {again.Replayed} replayed, {again.Other} otherwise; " +
                $"balance {(after.Balance == wallet.Balance ? "unchanged" : $"CHANGED to {after.Balance}")}");
            Figures.Emit("wallet.chaos.drift", Math.Abs((double)drift), "minor units", check.Consistent ? "ledger consistent" : "ledger INCONSISTENT");
            return drift == 0 && check.Consistent && stats.WrongReplays == 0 && again.Other == 0 && after.Balance == wallet.Balance
                && check.Entries == stats.Keys.Count + 1;
        }
        finally
        {
            await client.StopAsync();
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    private static async Task ChaosCallerAsync(IGrainFactory grains, TenantId tenant, int caller, Stopwatch clock, TimeSpan duration, ChaosStats stats)
    {
        var random = new Random(1_000 + caller);
        for (var flow = 0; clock.Elapsed < duration; flow++)
        {
            var operations = Flow($"chaos-{caller}-{flow}", random);
            foreach (var operation in operations)
            {
                WalletOperationResult result;
                if (random.NextDouble() < 0.1)
                {
                    // The same operation twice at once: exactly one of them may be applied.
                    var pair = await Task.WhenAll(ExecuteAsync(grains, tenant, operation, stats), ExecuteAsync(grains, tenant, operation, stats));
                    Interlocked.Increment(ref stats.Duplicates);
                    if (pair.Count(r => r.Status == WalletOperationStatus.Applied) > 1) Interlocked.Increment(ref stats.WrongReplays);
                    result = pair.FirstOrDefault(r => r.Status == WalletOperationStatus.Applied) ?? pair[0];
                    Interlocked.Add(ref stats.Operations, 2);
                }
                else
                {
                    result = await ExecuteAsync(grains, tenant, operation, stats);
                    Interlocked.Increment(ref stats.Operations);
                }
                if (result.Status is not (WalletOperationStatus.Applied or WalletOperationStatus.Replayed))
                    throw new InvalidOperationException($"{operation} answered {result.Status}.");
                stats.Keys.Add(operation);

                if (random.NextDouble() < 0.2)
                {
                    var repeat = await ExecuteAsync(grains, tenant, operation, stats);
                    Interlocked.Increment(ref stats.Replays);
                    if (repeat.Status != WalletOperationStatus.Replayed) Interlocked.Increment(ref stats.WrongReplays);
                }
            }
            Interlocked.Add(ref stats.Charged, operations.Where(o => o.Kind is WalletOperationKind.Debit or WalletOperationKind.Settle).Sum(o => o.Amount));
            Interlocked.Increment(ref stats.Flows);
        }
    }

    // Answers per 5-second window (the last one partial), so the gap a killed silo leaves shows.
    private static async Task<List<long>> RecordTimelineAsync(ChaosStats stats, Task done)
    {
        var windows = new List<long>();
        var last = 0L;
        while (true)
        {
            var finished = await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(5))) == done;
            var now = Interlocked.Read(ref stats.Operations);
            windows.Add(now - last);
            last = now;
            if (finished) return windows;
        }
    }

    private static async Task<(long Replayed, long Other)> SecondPassAsync(IGrainFactory grains, TenantId tenant, ConcurrentBag<WalletOperation> operations)
    {
        long replayed = 0, other = 0;
        var stats = new ChaosStats();
        var all = operations.ToArray();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (operation, _) =>
        {
            var result = await ExecuteAsync(grains, tenant, operation, stats);
            if (result.Status == WalletOperationStatus.Replayed) Interlocked.Increment(ref replayed);
            else Interlocked.Increment(ref other);
        });
        return (replayed, other);
    }

    // Until an answer: a failed call's outcome is unknown, and the same key is how the caller learns it.
    private static async Task<WalletOperationResult> ExecuteAsync(IGrainFactory grains, TenantId tenant, WalletOperation operation, ChaosStats stats)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetWalletOperations(tenant).ExecuteAsync(operation).WaitAsync(CallTimeout);
            }
            catch (Exception e) when (e is not ArgumentException && attempt < 1_000)
            {
                Interlocked.Increment(ref stats.Retries);
                await Task.Delay(Math.Min(25 * attempt, 500));
            }
        }
    }

    private static async Task<T> WithRetriesAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(CallTimeout);
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(250);
            }
        }
    }

    private static WalletOperation[] Flow(string reference, Random random)
    {
        var reserve = random.Next(60, 240);
        var debit = random.Next(10, reserve / 2);
        var settle = random.Next(0, reserve - debit);
        return
        [
            new() { Kind = WalletOperationKind.Reserve, Reference = reference, Amount = reserve, IdempotencyKey = $"call:{reference}:reserve" },
            new() { Kind = WalletOperationKind.Debit, Reference = reference, Amount = debit, IdempotencyKey = $"call:{reference}:debit:1" },
            new() { Kind = WalletOperationKind.Settle, Reference = reference, Amount = settle, IdempotencyKey = $"call:{reference}:settle" },
        ];
    }

    private static async Task<TenantId> CreateTenantAsync(IGrainFactory grains)
    {
        var tenant = TenantId.New();
        await WithRetriesAsync(() => grains.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Benchmark tenant", Settings = TenantSettings.Default }));
        var credit = await WithRetriesAsync(() => grains.GetWallet(tenant).CreditAsync(new WalletCredit
        {
            Kind = CreditKind.TopUp, Amount = Opening, IdempotencyKey = "credit:bench-opening", Actor = "benchmark",
        }));
        if (credit.Status is not (WalletOperationStatus.Applied or WalletOperationStatus.Replayed)) throw new InvalidOperationException($"Opening credit: {credit.Status}.");
        return tenant;
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = clusterId; });
            client.UseAdoNetClustering(o => { o.Invariant = PlatformSiloBuilderExtensions.PostgresInvariant; o.ConnectionString = connectionString; });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(o => o.CancelRequestOnTimeout = true);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitForActiveSilosAsync(IGrainFactory grains, int count)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await management.GetHosts(onlyActive: true)).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{count} silos did not become active.");
            await Task.Delay(100);
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F0(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    private sealed class ChaosStats
    {
        public long Flows;
        public long Operations;
        public long Charged;
        public long Replays;
        public long Duplicates;
        public long Retries;
        public long WrongReplays;
        public ConcurrentBag<WalletOperation> Keys { get; } = [];
    }
}
