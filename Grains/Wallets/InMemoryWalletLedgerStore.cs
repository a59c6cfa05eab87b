using System.Collections.Concurrent;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// The development-mode ledger: one process, so a lock per tenant. It keeps the PostgreSQL store's rules — a commit
/// lands whole or not at all, only on the expected sequence, and never with an idempotency key the ledger has —
/// which the shared contract tests check.
/// </summary>
public sealed class InMemoryWalletLedgerStore(VoicePlatform.Grains.Webhooks.IWebhookStore? webhooks = null) : IWalletLedgerStore
{
    private readonly ConcurrentDictionary<TenantId, Ledger> _ledgers = new();

    public Task<WalletSnapshot> LoadAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        if (!_ledgers.TryGetValue(tenant, out var ledger)) return Task.FromResult(WalletSnapshot.Empty);
        lock (ledger) return Task.FromResult(ledger.Snapshot with { Reservations = new Dictionary<string, long>(ledger.Snapshot.Reservations) });
    }

    public Task CommitAsync(TenantId tenant, WalletCommit commit, CancellationToken cancellationToken = default)
    {
        var ledger = _ledgers.GetOrAdd(tenant, _ => new Ledger());
        lock (ledger)
        {
            if (ledger.Snapshot.Sequence != commit.ExpectedSequence)
                throw new WalletCommitConflictException($"The wallet is at entry {ledger.Snapshot.Sequence}, not {commit.ExpectedSequence}.");
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < commit.Entries.Count; i++)
            {
                var entry = commit.Entries[i];
                if (entry.Sequence != commit.ExpectedSequence + i + 1)
                    throw new ArgumentException($"Entry {i} of the commit is numbered {entry.Sequence}, not {commit.ExpectedSequence + i + 1}.", nameof(commit));
                if (ledger.ByKey.ContainsKey(entry.IdempotencyKey) || !keys.Add(entry.IdempotencyKey))
                    throw new WalletCommitConflictException($"The idempotency key '{entry.IdempotencyKey}' is already in the ledger.");
            }

            foreach (var entry in commit.Entries)
            {
                ledger.Entries.Add(entry);
                ledger.ByKey[entry.IdempotencyKey] = entry;
            }
            var reservations = new Dictionary<string, long>(ledger.Snapshot.Reservations, StringComparer.Ordinal);
            foreach (var (reference, amount) in commit.OpenReservations) reservations[reference] = amount;
            foreach (var reference in commit.ClosedReservations) reservations.Remove(reference);
            ledger.Snapshot = new WalletSnapshot
            {
                Sequence = commit.Sequence,
                Balance = commit.Balance,
                Reserved = commit.Reserved,
                LowBalance = commit.LowBalance,
                Reservations = reservations,
            };
        }
        return commit.Events.Count > 0 && webhooks is not null ? webhooks.AppendAsync(commit.Events, cancellationToken) : Task.CompletedTask;
    }

    public Task<IReadOnlyList<WalletLedgerEntry>> FindAsync(TenantId tenant, IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken = default)
    {
        if (!_ledgers.TryGetValue(tenant, out var ledger)) return Task.FromResult<IReadOnlyList<WalletLedgerEntry>>([]);
        lock (ledger)
        {
            IReadOnlyList<WalletLedgerEntry> found = idempotencyKeys.Distinct(StringComparer.Ordinal)
                .Select(k => ledger.ByKey.GetValueOrDefault(k)).OfType<WalletLedgerEntry>().ToList();
            return Task.FromResult(found);
        }
    }

    public Task<Page<WalletLedgerEntry>> ListAsync(TenantId tenant, WalletLedgerQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, Paging.MaxPageSize);
        if (!_ledgers.TryGetValue(tenant, out var ledger)) return Task.FromResult(new Page<WalletLedgerEntry> { Items = [] });
        List<WalletLedgerEntry> page;
        lock (ledger)
        {
            page = Enumerable.Reverse(ledger.Entries)
                .Where(e => query.After is not { } after || e.Sequence < after)
                .Where(e => query.From is not { } from || e.At >= from)
                .Where(e => query.To is not { } to || e.At < to)
                .Take(limit + 1)
                .ToList();
        }
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        return Task.FromResult(new Page<WalletLedgerEntry> { Items = page, Next = more ? page[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null });
    }

    public Task<WalletLedgerCheck> CheckAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var ledger = _ledgers.GetOrAdd(tenant, _ => new Ledger());
        lock (ledger)
        {
            long balance = 0, reserved = 0, previous = 0, broken = 0, balanceAfter = 0, reservedAfter = 0;
            foreach (var entry in ledger.Entries)
            {
                balance += entry.BalanceChange;
                reserved += entry.ReservedChange;
                if (entry.Sequence != previous + 1 || entry.BalanceAfter != balanceAfter + entry.BalanceChange
                    || entry.ReservedAfter != reservedAfter + entry.ReservedChange) broken++;
                (previous, balanceAfter, reservedAfter) = (entry.Sequence, entry.BalanceAfter, entry.ReservedAfter);
            }
            return Task.FromResult(new WalletLedgerCheck
            {
                Entries = ledger.Entries.Count,
                LastSequence = previous,
                SumOfBalanceChanges = balance,
                SumOfReservedChanges = reserved,
                BrokenEntries = broken,
                Balance = ledger.Snapshot.Balance,
                Reserved = ledger.Snapshot.Reserved,
                SumOfOpenReservations = ledger.Snapshot.Reservations.Values.Sum(),
                StoredSequence = ledger.Snapshot.Sequence,
            });
        }
    }

    private sealed class Ledger
    {
        public List<WalletLedgerEntry> Entries { get; } = [];
        public Dictionary<string, WalletLedgerEntry> ByKey { get; } = new(StringComparer.Ordinal);
        public WalletSnapshot Snapshot { get; set; } = WalletSnapshot.Empty;
    }
}
