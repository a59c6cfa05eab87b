using VoicePlatform.Grains.Wallets;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Wallets;

/// <summary>
/// What every <see cref="IWalletLedgerStore"/> promises, run against the in-memory and the PostgreSQL store alike: a
/// commit lands whole or not at all, only on the expected sequence, never with a known idempotency key; the snapshot
/// follows the entries; pages are newest first.
/// </summary>
public abstract class WalletLedgerStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<IWalletLedgerStore> StoreAsync();

    /// <summary>Plans what <paramref name="steps"/> do to a book loaded from the store, the way the wallet grain plans a commit.</summary>
    private static async Task<(WalletBook Book, WalletCommit Commit)> PlanAsync(IWalletLedgerStore store, TenantId tenant,
        Func<WalletBook, IReadOnlyList<WalletBookStep>> steps)
    {
        var book = new WalletBook(await store.LoadAsync(tenant));
        var before = book.Sequence;
        var entries = steps(book).Select(s => s.Entry).ToList();
        var (open, closed) = book.TakeReservationChanges();
        return (book, new WalletCommit
        {
            ExpectedSequence = before,
            Entries = entries,
            Balance = book.Balance,
            Reserved = book.Reserved,
            LowBalance = book.LowBalance,
            OpenReservations = open,
            ClosedReservations = closed,
        });
    }

    private static WalletOperation Op(WalletOperationKind kind, string reference, long amount, string? key = null) =>
        new() { Kind = kind, Reference = reference, Amount = amount, IdempotencyKey = key ?? $"{reference}:{kind}:{amount}" };

    private static WalletCredit TopUp(long amount, string key) => new() { Kind = CreditKind.TopUp, Amount = amount, IdempotencyKey = key, Actor = "operator", Note = "test" };

    [Fact]
    public async Task ACommitIsLoadedBackWithItsTotalsReservationsAndEntries()
    {
        var store = await StoreAsync();
        var tenant = TenantId.New();
        Assert.Same(WalletSnapshot.Empty, await store.LoadAsync(tenant));

        var (book, commit) = await PlanAsync(store, tenant, b =>
        [
            b.Credit(TopUp(10_000, "credit:1"), "crd_1", At),
            b.Apply(Op(WalletOperationKind.Reserve, "call-a", 3_000), At.AddSeconds(1)),
            b.Apply(Op(WalletOperationKind.Reserve, "call-b", 0), At.AddSeconds(2)),
            b.Apply(Op(WalletOperationKind.Debit, "call-a", 1_200), At.AddSeconds(3)),
        ]);
        await store.CommitAsync(tenant, commit);

        var loaded = await store.LoadAsync(tenant);
        Assert.Equal((4L, 8_800L, 1_800L), (loaded.Sequence, loaded.Balance, loaded.Reserved));
        Assert.Equal(new Dictionary<string, long> { ["call-a"] = 1_800, ["call-b"] = 0 }, loaded.Reservations);
        Assert.Equal(book.LowBalance, loaded.LowBalance);

        var found = await store.FindAsync(tenant, ["call-a:Debit:1200", "credit:1", "unknown"]);
        Assert.Equal(2, found.Count);
        Assert.Equal(commit.Entries[0], found.Single(e => e.IdempotencyKey == "credit:1"));
        Assert.Equal(commit.Entries[3], found.Single(e => e.IdempotencyKey == "call-a:Debit:1200"));

        var check = await store.CheckAsync(tenant);
        Assert.True(check.Consistent, check.ToString());
        Assert.Equal((4L, 8_800L, 1_800L), (check.Entries, check.SumOfBalanceChanges, check.SumOfOpenReservations));
    }

    [Fact]
    public async Task ACommitPlannedOnAnOlderSequenceLandsNothing()
    {
        var store = await StoreAsync();
        var tenant = TenantId.New();
        var (_, first) = await PlanAsync(store, tenant, b => [b.Credit(TopUp(1_000, "credit:1"), "crd_1", At)]);
        // Two writers plan on the same empty wallet; only the first to commit lands.
        var (_, rival) = await PlanAsync(store, tenant, b => [b.Credit(TopUp(5_000, "credit:2"), "crd_2", At)]);
        await store.CommitAsync(tenant, first);

        await Assert.ThrowsAsync<WalletCommitConflictException>(() => store.CommitAsync(tenant, rival));

        var loaded = await store.LoadAsync(tenant);
        Assert.Equal((1L, 1_000L), (loaded.Sequence, loaded.Balance));
        Assert.Empty(await store.FindAsync(tenant, ["credit:2"]));
        Assert.True((await store.CheckAsync(tenant)).Consistent);
    }

    [Fact]
    public async Task AnIdempotencyKeyAlreadyInTheLedgerTurnsTheWholeCommitAway()
    {
        var store = await StoreAsync();
        var tenant = TenantId.New();
        var (_, first) = await PlanAsync(store, tenant, b =>
        [
            b.Credit(TopUp(1_000, "credit:1"), "crd_1", At),
            b.Apply(Op(WalletOperationKind.Reserve, "call-a", 100, "k-reserve"), At),
        ]);
        await store.CommitAsync(tenant, first);

        // Planned on the current sequence, but repeating a key: nothing of it may land, not even the new top-up.
        var (_, repeat) = await PlanAsync(store, tenant, b =>
        [
            b.Credit(TopUp(7_000, "credit:2"), "crd_2", At),
            b.Apply(Op(WalletOperationKind.Reserve, "call-b", 100, "k-reserve"), At),
        ]);
        await Assert.ThrowsAsync<WalletCommitConflictException>(() => store.CommitAsync(tenant, repeat));

        var loaded = await store.LoadAsync(tenant);
        Assert.Equal((2L, 1_000L, 100L), (loaded.Sequence, loaded.Balance, loaded.Reserved));
        Assert.Empty(await store.FindAsync(tenant, ["credit:2"]));
        Assert.Equal(["call-a"], loaded.Reservations.Keys);
    }

    [Fact]
    public async Task ClosedReservationsLeaveTheSnapshotAndTenantsNeverSeeEachOther()
    {
        var store = await StoreAsync();
        var (tenant, other) = (TenantId.New(), TenantId.New());
        foreach (var t in new[] { tenant, other })
        {
            var (_, commit) = await PlanAsync(store, t, b =>
            [
                b.Credit(TopUp(2_000, "credit:same-key"), "crd_1", At),
                b.Apply(Op(WalletOperationKind.Reserve, "call-a", 500, "same-key"), At),
            ]);
            await store.CommitAsync(t, commit);
        }
        var (_, settle) = await PlanAsync(store, tenant, b => [b.Apply(Op(WalletOperationKind.Settle, "call-a", 300), At)]);
        await store.CommitAsync(tenant, settle);

        var mine = await store.LoadAsync(tenant);
        var theirs = await store.LoadAsync(other);
        Assert.Equal((3L, 1_700L, 0L), (mine.Sequence, mine.Balance, mine.Reserved));
        Assert.Empty(mine.Reservations);
        Assert.Equal((2L, 2_000L, 500L), (theirs.Sequence, theirs.Balance, theirs.Reserved));
        Assert.Equal(500, theirs.Reservations["call-a"]);
        Assert.True((await store.CheckAsync(tenant)).Consistent);
        Assert.True((await store.CheckAsync(other)).Consistent);
    }

    [Fact]
    public async Task PagesAreNewestFirstBySequenceWithinTheTimeWindow()
    {
        var store = await StoreAsync();
        var tenant = TenantId.New();
        var (_, commit) = await PlanAsync(store, tenant, b =>
            Enumerable.Range(0, 7).Select(i => b.Credit(TopUp(100, $"credit:{i}"), $"crd_{i}", At.AddMinutes(i))).ToList());
        await store.CommitAsync(tenant, commit);

        var first = await store.ListAsync(tenant, new WalletLedgerQuery { Limit = 3 });
        Assert.Equal([7L, 6L, 5L], first.Items.Select(e => e.Sequence));
        Assert.Equal("5", first.Next);
        var second = await store.ListAsync(tenant, new WalletLedgerQuery { Limit = 3, After = 5 });
        Assert.Equal([4L, 3L, 2L], second.Items.Select(e => e.Sequence));
        var last = await store.ListAsync(tenant, new WalletLedgerQuery { Limit = 3, After = 2 });
        Assert.Equal([1L], last.Items.Select(e => e.Sequence));
        Assert.Null(last.Next);

        var window = await store.ListAsync(tenant, new WalletLedgerQuery { From = At.AddMinutes(2), To = At.AddMinutes(5), Limit = 50 });
        Assert.Equal([5L, 4L, 3L], window.Items.Select(e => e.Sequence));
        Assert.Equal(commit.Entries[2], window.Items[^1]);
        Assert.Empty((await store.ListAsync(TenantId.New(), new WalletLedgerQuery())).Items);
    }
}
