using Orleans.TestingHost;
using VoicePlatform.Silo.Wallets;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Cluster;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Wallets;
using static VoicePlatform.Tests.Wallets.WalletTestSupport;

namespace VoicePlatform.Tests.Wallets;

/// <summary>
/// Wallets on real PostgreSQL membership and ledger while operations are in flight: a full cluster restart and a
/// killed silo lose no entry and apply none twice; afterwards every operation repeated is a replay.
/// </summary>
public sealed class WalletPostgresClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    // A call that hangs on a dead silo is abandoned and sent again; the first may still land, which is what keys are for.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AClusterRestartInTheMiddleOfOperationsLosesNothingAndChargesNothingTwice()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("wallet_restart");
        const long opening = 2_000_000;
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "wallet-restart-svc");
        var current = cluster;
        var tenant = await CreateFundedTenantAsync(cluster.GrainFactory, opening);
        var flows = Enumerable.Range(0, 200).Select(i => MeteredCallFlow($"cal-{i}", i, blocks: 10)).ToArray();
        var operations = flows.Sum(f => f.Length);

        var answered = 0;
        var quarter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = RunFlowsAsync(() => Volatile.Read(ref current).GrainFactory, tenant, flows, callTimeout: CallTimeout,
            onAnswer: () => { if (Interlocked.Increment(ref answered) == operations / 4) quarter.TrySetResult(); });
        await quarter.Task.WaitAsync(Patience);

        await cluster.Cluster.StopAllSilosAsync();
        Assert.True(Volatile.Read(ref answered) < operations, "operations were still running when the cluster stopped");
        await cluster.StopAsync();
        await using var restarted = await PostgresClusterBuilder.StartAsync(connectionString, "wallet-restart-svc");
        Volatile.Write(ref current, restarted);
        var answers = await running.WaitAsync(Patience * 2);
        await AssertExactAsync(restarted, connectionString, tenant, opening, flows, answers);
    }

    [Fact]
    public async Task AKilledSiloInTheMiddleOfOperationsLosesNothingAndChargesNothingTwice()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("wallet_kill");
        const long opening = 2_000_000;
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "wallet-kill-svc", silos: 2);
        var management = cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        var joined = DateTime.UtcNow + Patience;
        while ((await management.GetHosts(onlyActive: true)).Count != 2)
        {
            Assert.True(DateTime.UtcNow < joined, "both silos became active in time");
            await Task.Delay(100);
        }

        // The silo to kill is the one the wallet's activation lives on. (Placement prefers the caller's silo, so which
        // silo that is depends on the gateway the test client picked: follow the wallet rather than pick a silo.)
        var tenant = await CreateFundedTenantAsync(cluster.GrainFactory, opening);
        var walletSilo = await management.GetActivationAddress(cluster.GrainFactory.GetWallet(tenant));
        var victim = cluster.Silos.Single(s => s.SiloAddress == walletSilo);

        // Half the calls reserve and extend on the doomed silo's activation and then wait, so the silo dies with
        // their reservations open and they debit and settle afterwards; the other half are long metered calls
        // whose operations are in flight when it dies.
        var parkedFlows = Enumerable.Range(0, 100).Select(i => CallFlow($"cal-p{i}", i)).ToArray();
        var meteredFlows = Enumerable.Range(0, 100).Select(i => MeteredCallFlow($"cal-m{i}", i, blocks: 20)).ToArray();
        var meteredOperations = meteredFlows.Sum(f => f.Length);
        var meteredAnswered = 0;
        var parked = 0;
        var allParked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var metered = RunFlowsAsync(() => cluster.GrainFactory, tenant, meteredFlows, callTimeout: CallTimeout,
            onAnswer: () => Interlocked.Increment(ref meteredAnswered));
        var parkedRunning = Task.WhenAll(parkedFlows.Select(flow => Task.Run(async () =>
        {
            var answers = new WalletOperationResult[flow.Length];
            for (var i = 0; i < flow.Length; i++)
            {
                if (i == 2)
                {
                    if (Interlocked.Increment(ref parked) == parkedFlows.Length) allParked.TrySetResult();
                    await killed.Task;
                }
                answers[i] = await ExecuteWithRetriesAsync(() => cluster.GrainFactory, tenant, flow[i], callTimeout: CallTimeout);
            }
            return answers;
        })));
        await allParked.Task.WaitAsync(Patience);

        var answeredBeforeKill = Volatile.Read(ref meteredAnswered);
        await cluster.KillSiloAsync(victim);
        killed.SetResult();

        var answers = (await parkedRunning.WaitAsync(Patience * 2)).Concat(await metered.WaitAsync(Patience * 2)).ToArray();
        Assert.True(answeredBeforeKill < meteredOperations, "metered calls were still running when the silo died");
        Assert.NotEqual(victim.SiloAddress, await WalletSiloAsync(management, cluster.GrainFactory, tenant));
        var flows = parkedFlows.Concat(meteredFlows).ToArray();
        await AssertExactAsync(cluster, connectionString, tenant, opening, flows, answers);
    }

    /// <summary>
    /// Where the wallet is active. The management grain answering may itself have lived on the killed silo, and until
    /// that death is declared the question times out rather than failing over: ask again.
    /// </summary>
    private static async Task<SiloAddress?> WalletSiloAsync(IManagementGrain management, IGrainFactory grains, TenantId tenant)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await management.GetActivationAddress(grains.GetWallet(tenant)).AsTask().WaitAsync(CallTimeout);
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task AssertExactAsync(PostgresTestCluster cluster, string connectionString, TenantId tenant, long opening,
        WalletOperation[][] flows, WalletOperationResult[][] answers)
    {
        // Retried operations whose first attempt landed answer as replays; every one was applied exactly once.
        Assert.All(answers.SelectMany(a => a), a => Assert.Contains(a.Status, new[] { WalletOperationStatus.Applied, WalletOperationStatus.Replayed }));
        var expected = opening - flows.Sum(Charge);
        var wallet = await cluster.GrainFactory.GetWallet(tenant).GetAsync();
        Assert.Equal((expected, 0L), (wallet.Balance, wallet.Reserved));

        await using var store = new PostgresWalletLedgerStore(connectionString);
        var check = await store.CheckAsync(tenant);
        Assert.True(check.Consistent, check.ToString());
        Assert.Equal(1 + flows.Sum(f => f.Length), check.Entries);

        // Every operation once more, long after: the ledger recognises all of them and nothing moves.
        var repeats = await RunFlowsAsync(() => cluster.GrainFactory, tenant, flows, callTimeout: CallTimeout);
        Assert.All(repeats.SelectMany(a => a), a => Assert.Equal(WalletOperationStatus.Replayed, a.Status));
        Assert.Equal(wallet, await cluster.GrainFactory.GetWallet(tenant).GetAsync());
        Assert.Equal(check.Entries, (await store.CheckAsync(tenant)).Entries);
    }
}
