using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Wallets;

/// <summary>
/// Reads a tenant's ledger straight from the ledger store. Keyed by tenant id; a stateless worker, so reading the
/// ledger never queues behind the wallet's writes.
/// </summary>
[Alias("vp.IWalletLedgerGrain")]
public interface IWalletLedgerGrain : IGrainWithStringKey
{
    /// <summary>One page, newest first; <see cref="Page{T}.Next"/> is the last entry's sequence when more follow.</summary>
    [ReadOnly]
    Task<Page<WalletLedgerEntry>> ListAsync(WalletLedgerQuery query);
}
