using VoicePlatform.Grains.Wallets;

namespace VoicePlatform.Tests.Wallets;

public sealed class InMemoryWalletLedgerStoreTests : WalletLedgerStoreContract
{
    private readonly InMemoryWalletLedgerStore _store = new();

    protected override Task<IWalletLedgerStore> StoreAsync() => Task.FromResult<IWalletLedgerStore>(_store);
}
