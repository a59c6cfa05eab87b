using System.Collections.Concurrent;
using VoicePlatform.Common;
using VoicePlatform.Grains.Wallets;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Wallets;

/// <summary>
/// A ledger store that fails on demand, per tenant: a commit that throws before it reaches the ledger (nothing
/// landed), or one that lands and then throws (the answer was lost) — the two ways a crash between the steps looks to
/// the wallet. It also counts loads, so a test can tell a fresh activation read the ledger again.
/// </summary>
public sealed class FaultyWalletLedgerStore(IWalletLedgerStore inner) : IWalletLedgerStore
{
    private readonly ConcurrentDictionary<TenantId, Faults> _faults = new();

    public IWalletLedgerStore Inner => inner;

    /// <summary>The next <paramref name="count"/> commits of the tenant throw without writing anything.</summary>
    public void FailBeforeCommit(TenantId tenant, int count) => For(tenant).Before = count;

    /// <summary>The next <paramref name="count"/> commits of the tenant are written, then throw.</summary>
    public void FailAfterCommit(TenantId tenant, int count) => For(tenant).After = count;

    public int Loads(TenantId tenant) => For(tenant).Loads;

    public int InjectedFailures(TenantId tenant) => For(tenant).Injected;

    public Task<WalletSnapshot> LoadAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref For(tenant).Loads);
        return inner.LoadAsync(tenant, cancellationToken);
    }

    public async Task CommitAsync(TenantId tenant, WalletCommit commit, CancellationToken cancellationToken = default)
    {
        var faults = For(tenant);
        if (Take(ref faults.Before))
        {
            Interlocked.Increment(ref faults.Injected);
            throw new IOException($"Injected failure before the commit of entries {commit.ExpectedSequence + 1}..{commit.Sequence}.");
        }
        await inner.CommitAsync(tenant, commit, cancellationToken);
        if (Take(ref faults.After))
        {
            Interlocked.Increment(ref faults.Injected);
            throw new IOException($"Injected failure after the commit of entries {commit.ExpectedSequence + 1}..{commit.Sequence}: its answer is lost.");
        }
    }

    public Task<IReadOnlyList<WalletLedgerEntry>> FindAsync(TenantId tenant, IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken = default) =>
        inner.FindAsync(tenant, idempotencyKeys, cancellationToken);

    public Task<Page<WalletLedgerEntry>> ListAsync(TenantId tenant, WalletLedgerQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(tenant, query, cancellationToken);

    public Task<WalletLedgerCheck> CheckAsync(TenantId tenant, CancellationToken cancellationToken = default) => inner.CheckAsync(tenant, cancellationToken);

    private Faults For(TenantId tenant) => _faults.GetOrAdd(tenant, _ => new Faults());

    private static bool Take(ref int remaining)
    {
        while (true)
        {
            var current = Volatile.Read(ref remaining);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref remaining, current - 1, current) == current) return true;
        }
    }

    private sealed class Faults
    {
        public int Before;
        public int After;
        public int Loads;
        public int Injected;
    }
}
