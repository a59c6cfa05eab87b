using Orleans.Concurrency;
using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>Answers a tenant's ledger pages from the store; the tenant comes from the key, never from the query.</summary>
[StatelessWorker, GrainType("wallet-ledger")]
public sealed class WalletLedgerGrain(IWalletLedgerStore store) : Grain, IWalletLedgerGrain
{
    public Task<Page<WalletLedgerEntry>> ListAsync(WalletLedgerQuery query) =>
        store.ListAsync(TenantId.Parse(this.GetPrimaryKeyString()), query);
}
