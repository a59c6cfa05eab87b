using System.Threading.Channels;
using Orleans.Streams;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;
using static VoicePlatform.Tests.Wallets.WalletTestSupport;

namespace VoicePlatform.Tests.Wallets;

/// <summary>The wallet grains on a cluster: exact totals under concurrency, idempotent repeats, failures between steps, low-balance events.</summary>
[Collection(WalletClusterCollection.Name)]
public sealed class WalletGrainTests(WalletClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static FaultyWalletLedgerStore Store => WalletClusterFixture.Store;
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AThousandConcurrentOperationsAcrossManyCallsLeaveExactlyTheExpectedBalance()
    {
        const long opening = 1_000_000;
        var tenant = await CreateFundedTenantAsync(Grains, opening);
        var flows = Enumerable.Range(0, 250).Select(i => CallFlow($"cal-{i}", i)).ToArray();

        var answers = await RunFlowsAsync(() => Grains, tenant, flows);

        Assert.All(answers.SelectMany(a => a), a => Assert.Equal(WalletOperationStatus.Applied, a.Status));
        var wallet = await Grains.GetWallet(tenant).GetAsync();
        Assert.Equal(opening - flows.Sum(Charge), wallet.Balance);
        Assert.Equal(0, wallet.Reserved);
        await AssertLedgerConsistentAsync(tenant, expectedEntries: 1 + flows.Length * 4);
    }

    [Fact]
    public async Task EveryOperationSentThreeTimesAtOnceChargesOnceEvenAfterDeactivation()
    {
        const long opening = 100_000;
        var tenant = await CreateFundedTenantAsync(Grains, opening);
        var flows = Enumerable.Range(0, 40).Select(i => CallFlow($"cal-{i}", i)).ToArray();

        // Each operation three times concurrently: one is applied, the others answer the same figures as replays.
        var answers = await Task.WhenAll(flows.Select(async flow =>
        {
            var firsts = new List<WalletOperationResult>();
            foreach (var operation in flow)
            {
                var three = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Grains.GetWalletOperations(tenant).ExecuteAsync(operation)));
                Assert.Equal(1, three.Count(a => a.Status == WalletOperationStatus.Applied));
                Assert.Equal(2, three.Count(a => a.Status == WalletOperationStatus.Replayed));
                Assert.Single(three.Select(a => (a.Amount, a.Sequence, a.Balance, a.Reserved, a.ReservationRemaining)).Distinct());
                firsts.Add(three.Single(a => a.Status == WalletOperationStatus.Applied));
            }
            return firsts;
        }));
        var expected = opening - flows.Sum(Charge);
        Assert.Equal(expected, (await Grains.GetWallet(tenant).GetAsync()).Balance);

        // A fresh activation knows nothing in memory: the ledger recognises every key.
        var loads = Store.Loads(tenant);
        await Grains.GetGrain<IManagementGrain>(0).DeactivateGrain(Grains.GetWallet(tenant).GetGrainId());
        for (var f = 0; f < flows.Length; f++)
        {
            for (var o = 0; o < flows[f].Length; o++)
            {
                var again = await Grains.GetWalletOperations(tenant).ExecuteAsync(flows[f][o]);
                Assert.Equal(WalletOperationStatus.Replayed, again.Status);
                Assert.Equal(answers[f][o] with { Status = WalletOperationStatus.Replayed }, again);
            }
        }
        Assert.True(Store.Loads(tenant) > loads, "the wallet was activated again and read the ledger");
        Assert.Equal(expected, (await Grains.GetWallet(tenant).GetAsync()).Balance);
        await AssertLedgerConsistentAsync(tenant, expectedEntries: 1 + flows.Length * 4);
    }

    [Fact]
    public async Task RepeatsOfKeysTheWalletNoLongerRemembersAreCaughtByTheLedger()
    {
        var tenant = await CreateFundedTenantAsync(Grains, 1_000_000);
        var flows = Enumerable.Range(0, WalletClusterFixture.RecentKeys).Select(i => CallFlow($"cal-{i}", i)).ToArray();
        await RunFlowsAsync(() => Grains, tenant, flows);
        var before = await Grains.GetWallet(tenant).GetAsync();

        // Four times more keys than the wallet keeps in memory: the early ones can only be recognised by the ledger.
        var repeats = await Task.WhenAll(flows.SelectMany(f => f).Select(o => Grains.GetWalletOperations(tenant).ExecuteAsync(o)));

        Assert.All(repeats, r => Assert.Equal(WalletOperationStatus.Replayed, r.Status));
        Assert.Equal(before, await Grains.GetWallet(tenant).GetAsync());
        await AssertLedgerConsistentAsync(tenant, expectedEntries: 1 + flows.Length * 4);
    }

    [Fact]
    public async Task AKeyUsedForADifferentOperationIsAConflictAndMovesNothing()
    {
        var tenant = await CreateFundedTenantAsync(Grains, 10_000);
        var wallet = Grains.GetWalletOperations(tenant);
        var reserve = Op(WalletOperationKind.Reserve, "cal-1", 1_000, "call:cal-1:reserve");
        Assert.Equal(WalletOperationStatus.Applied, (await wallet.ExecuteAsync(reserve)).Status);

        Assert.Equal(WalletOperationStatus.Conflict, (await wallet.ExecuteAsync(reserve with { Amount = 2_000 })).Status);
        Assert.Equal(WalletOperationStatus.Conflict, (await wallet.ExecuteAsync(reserve with { Reference = "cal-2" })).Status);
        Assert.Equal(WalletOperationStatus.Conflict, (await wallet.ExecuteAsync(reserve with { Kind = WalletOperationKind.Debit })).Status);
        Assert.Equal(WalletOperationStatus.Conflict, (await Grains.GetWallet(tenant).CreditAsync(new WalletCredit
        {
            Kind = CreditKind.TopUp, Amount = 1_000, IdempotencyKey = reserve.IdempotencyKey, Actor = "test",
        })).Status);

        var view = await Grains.GetWallet(tenant).GetAsync();
        Assert.Equal((10_000L, 1_000L), (view.Balance, view.Reserved));
        await AssertLedgerConsistentAsync(tenant, expectedEntries: 2);
    }

    [Fact]
    public async Task ASettleBeyondWhatIsThereTakesAllItCanReportsTheShortfallAndNeverGoesBelowZero()
    {
        var tenant = await CreateFundedTenantAsync(Grains, 1_000);
        var wallet = Grains.GetWalletOperations(tenant);
        await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-1", 600, "r1"));
        await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-2", 300, "r2"));
        Assert.Equal(WalletOperationStatus.InsufficientFunds, (await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-3", 101, "r3"))).Status);
        Assert.Equal(WalletOperationStatus.InsufficientFunds, (await wallet.ExecuteAsync(Op(WalletOperationKind.Debit, "cal-1", 701, "d1"))).Status);

        var settle = await wallet.ExecuteAsync(Op(WalletOperationKind.Settle, "cal-1", 1_500, "s1"));
        Assert.Equal((WalletOperationStatus.Applied, 700L, 800L, 300L, 300L), (settle.Status, settle.Amount, settle.Shortfall, settle.Balance, settle.Reserved));
        var other = await wallet.ExecuteAsync(Op(WalletOperationKind.Settle, "cal-2", 900, "s2"));
        Assert.Equal((300L, 600L, 0L, 0L), (other.Amount, other.Shortfall, other.Balance, other.Reserved));

        Assert.Equal(WalletOperationStatus.NoReservation, (await wallet.ExecuteAsync(Op(WalletOperationKind.Extend, "cal-1", 1, "e1"))).Status);
        Assert.Equal(WalletOperationStatus.InsufficientFunds, (await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-4", 1, "r4"))).Status);
        Assert.Equal(WalletOperationStatus.InsufficientFunds, (await Grains.GetWallet(tenant).CreditAsync(new WalletCredit
        {
            Kind = CreditKind.Adjustment, Amount = -1, IdempotencyKey = "credit:adj", Actor = "test",
        })).Status);
        var view = await Grains.GetWallet(tenant).GetAsync();
        Assert.Equal((0L, 0L, 0L), (view.Balance, view.Reserved, view.Available));

        // A refusal is recorded too: its repeat answers the same refusal even once money has arrived.
        await Grains.GetWallet(tenant).CreditAsync(new WalletCredit { Kind = CreditKind.Bonus, Amount = 5_000, IdempotencyKey = "credit:bonus", Actor = "test" });
        Assert.Equal(WalletOperationStatus.InsufficientFunds, (await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-4", 1, "r4"))).Status);
        await AssertLedgerConsistentAsync(tenant, expectedEntries: 11);
    }

    [Fact]
    public async Task CommitsThatFailBeforeOrAfterReachingTheLedgerNeitherLoseNorRepeatAnything()
    {
        const long opening = 1_000_000;
        var tenant = await CreateFundedTenantAsync(Grains, opening);
        var flows = Enumerable.Range(0, 120).Select(i => CallFlow($"cal-{i}", i)).ToArray();
        // Failures from the first commit on, of both kinds; the callers only see errors and retry with the same keys.
        Store.FailAfterCommit(tenant, 6);
        Store.FailBeforeCommit(tenant, 6);
        var failures = 0;

        var answers = await RunFlowsAsync(() => Grains, tenant, flows, onFailure: _ => Interlocked.Increment(ref failures));

        Assert.Equal(12, Store.InjectedFailures(tenant));
        Assert.True(failures >= 12, $"callers saw the failures ({failures})");
        // A retried operation whose first commit landed answers as a replay; none was applied twice.
        Assert.All(answers.SelectMany(a => a), a => Assert.Contains(a.Status, new[] { WalletOperationStatus.Applied, WalletOperationStatus.Replayed }));
        var wallet = await Grains.GetWallet(tenant).GetAsync();
        Assert.Equal(opening - flows.Sum(Charge), wallet.Balance);
        Assert.Equal(0, wallet.Reserved);
        await AssertLedgerConsistentAsync(tenant, expectedEntries: 1 + flows.Length * 4);
    }

    [Fact]
    public async Task EverythingSurvivesAClusterRestartAndRepeatsAfterItChargeNothing()
    {
        const long opening = 500_000;
        var first = await WalletClusterFixture.StartClusterAsync();
        TenantId tenant;
        WalletOperation[][] flows;
        try
        {
            tenant = await CreateFundedTenantAsync(first.GrainFactory, opening);
            flows = Enumerable.Range(0, 60).Select(i => CallFlow($"cal-{i}", i)).ToArray();
            // Half of every flow before the restart.
            await RunFlowsAsync(() => first.GrainFactory, tenant, flows.Select(f => f[..2]).ToArray());
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await WalletClusterFixture.StartClusterAsync();
        try
        {
            // Whole flows again: the first halves are repeats, the second halves new.
            var answers = await RunFlowsAsync(() => second.GrainFactory, tenant, flows);
            Assert.All(answers, a => Assert.Equal(
                [WalletOperationStatus.Replayed, WalletOperationStatus.Replayed, WalletOperationStatus.Applied, WalletOperationStatus.Applied],
                a.Select(r => r.Status)));
            var wallet = await second.GrainFactory.GetWallet(tenant).GetAsync();
            Assert.Equal(opening - flows.Sum(Charge), wallet.Balance);
            Assert.Equal(0, wallet.Reserved);
            await AssertLedgerConsistentAsync(tenant, expectedEntries: 1 + flows.Length * 4);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task TenantsNeverTouchEachOthersMoneyEvenWithTheSameReferencesAndKeys()
    {
        var mine = await CreateFundedTenantAsync(Grains, 10_000);
        var theirs = await CreateFundedTenantAsync(Grains, 3_000);
        var flow = CallFlow("cal-shared", 3);

        await RunFlowsAsync(() => Grains, mine, [flow]);
        var answers = await RunFlowsAsync(() => Grains, theirs, [flow]);

        Assert.All(answers[0], a => Assert.Equal(WalletOperationStatus.Applied, a.Status));
        Assert.Equal(10_000 - Charge(flow), (await Grains.GetWallet(mine).GetAsync()).Balance);
        Assert.Equal(3_000 - Charge(flow), (await Grains.GetWallet(theirs).GetAsync()).Balance);
        Assert.Equal(5, (await Grains.GetWalletLedger(theirs).ListAsync(new WalletLedgerQuery { Limit = 200 })).Items.Count);
    }

    [Fact]
    public async Task AnInvalidOperationFailsOnlyItsOwnCaller()
    {
        var tenant = await CreateFundedTenantAsync(Grains, 1_000);
        var wallet = Grains.GetWalletOperations(tenant);
        var good = wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-1", 100, "good"));
        var bad = wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-2", -5, "bad"));
        var unnamed = wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "", 5, "unnamed"));

        Assert.Equal(WalletOperationStatus.Applied, (await good).Status);
        Assert.Contains("amount", (await Assert.ThrowsAsync<ArgumentException>(() => bad)).Message);
        Assert.Contains("reference", (await Assert.ThrowsAsync<ArgumentException>(() => unnamed)).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Grains.GetWallet(tenant).CreditAsync(new WalletCredit
        {
            Kind = CreditKind.TopUp, Amount = -10, IdempotencyKey = "credit:negative", Actor = "test",
        }));
        Assert.Equal(900, (await Grains.GetWallet(tenant).GetAsync()).Available);
    }

    [Fact]
    public async Task ACreditForATenantThatDoesNotExistMovesNothing()
    {
        var ghost = TenantId.New();
        var result = await Grains.GetWallet(ghost).CreditAsync(new WalletCredit { Kind = CreditKind.TopUp, Amount = 10, IdempotencyKey = "credit:x", Actor = "test" });
        Assert.Equal(WalletOperationStatus.TenantNotFound, result.Status);
        Assert.Null(await Grains.GetWallet(ghost).FindAsync());
        Assert.Empty((await Grains.GetWalletLedger(ghost).ListAsync(new WalletLedgerQuery())).Items);
    }

    [Fact]
    public async Task FallingBelowTheThresholdRaisesOneEventPerCrossing()
    {
        // 10.00 USD threshold = 1,000 cents.
        var tenant = await CreateFundedTenantAsync(Grains, 5_000, threshold: 10m);
        var received = Channel.CreateUnbounded<WalletLowBalanceReached>();
        var stream = fixture.Cluster.Client.GetStreamProvider(StreamProviders.Live)
            .GetStream<WalletLowBalanceReached>(StreamId.Create(TenantEventStreams.Namespace, tenant.Value));
        var subscription = await stream.SubscribeAsync((e, _) => received.Writer.WriteAsync(e).AsTask());
        try
        {
            var wallet = Grains.GetWalletOperations(tenant);
            Assert.False((await Grains.GetWallet(tenant).GetAsync()).LowBalance);
            await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-1", 4_000, "r1"));      // available 1,000: not below
            var crossing = await wallet.ExecuteAsync(Op(WalletOperationKind.Extend, "cal-1", 500, "e1")); // 500: crossed
            await wallet.ExecuteAsync(Op(WalletOperationKind.Extend, "cal-1", 400, "e2"));          // 100: still below
            await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-2", 5_000, "r2"));       // refused: still below
            Assert.True((await Grains.GetWallet(tenant).GetAsync()).LowBalance);
            await wallet.ExecuteAsync(Op(WalletOperationKind.Release, "cal-1", 0, "x1"));           // 5,000: re-armed
            Assert.False((await Grains.GetWallet(tenant).GetAsync()).LowBalance);
            var second = await wallet.ExecuteAsync(Op(WalletOperationKind.Reserve, "cal-3", 4_200, "r3")); // 800: crossed again

            using var timeout = new CancellationTokenSource(Patience);
            var events = new[] { await received.Reader.ReadAsync(timeout.Token), await received.Reader.ReadAsync(timeout.Token) };
            // One producer, delivered in order: had any other entry raised an event, it would be one of these two.
            Assert.Equal([crossing.Sequence, second.Sequence], events.Select(e => e.Sequence));
            Assert.Equal((tenant, "USD", 1_000L, 500L), (events[0].TenantId, events[0].Currency, events[0].Threshold, events[0].Available));
            Assert.Equal(800, events[1].Available);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private static async Task AssertLedgerConsistentAsync(TenantId tenant, long expectedEntries)
    {
        var check = await Store.CheckAsync(tenant);
        Assert.True(check.Consistent, check.ToString());
        Assert.Equal(expectedEntries, check.Entries);
    }
}
