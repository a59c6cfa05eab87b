using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// Where wallets are durable: the append-only ledger, unique per tenant on sequence and on idempotency key, and the
/// wallet snapshot (totals and open reservations) written in the same transaction as the entries it follows from.
/// The ledger is the source of truth; the snapshot only saves replaying it. PostgreSQL in production, memory in the
/// all-in-one development mode; both obey the same contract (shared contract tests).
/// </summary>
public interface IWalletLedgerStore
{
    /// <summary>The committed wallet, or <see cref="WalletSnapshot.Empty"/> for a tenant that never moved money.</summary>
    Task<WalletSnapshot> LoadAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the entries and writes the wallet after them, atomically, or nothing at all. Throws
    /// <see cref="WalletCommitConflictException"/> when the stored wallet is no longer at the expected sequence or an
    /// idempotency key is already in the ledger. Any other exception leaves the outcome unknown: the caller reloads.
    /// </summary>
    Task CommitAsync(TenantId tenant, WalletCommit commit, CancellationToken cancellationToken = default);

    /// <summary>The entries recorded under any of <paramref name="idempotencyKeys"/> (how a repeat after a restart is recognised).</summary>
    Task<IReadOnlyList<WalletLedgerEntry>> FindAsync(TenantId tenant, IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken = default);

    /// <summary>One page of the ledger, newest first; <see cref="Page{T}.Next"/> is the last entry's sequence.</summary>
    Task<Page<WalletLedgerEntry>> ListAsync(TenantId tenant, WalletLedgerQuery query, CancellationToken cancellationToken = default);

    /// <summary>The ledger's own check (see <see cref="WalletLedgerCheck"/>).</summary>
    Task<WalletLedgerCheck> CheckAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
