using VoicePlatform.Tenants;

namespace VoicePlatform.Wallets;

/// <summary>Typed ways to reach a tenant's wallet grains; each is keyed by the tenant id alone.</summary>
public static class GrainFactoryWalletExtensions
{
    public static IWalletGrain GetWallet(this IGrainFactory grains, TenantId tenant) => grains.GetGrain<IWalletGrain>(tenant.Value);

    /// <summary>How calls reach the wallet: batched, so a tenant's many calls share the wallet's turns and transactions.</summary>
    public static IWalletOperationsGrain GetWalletOperations(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<IWalletOperationsGrain>(tenant.Value);

    public static IWalletLedgerGrain GetWalletLedger(this IGrainFactory grains, TenantId tenant) => grains.GetGrain<IWalletLedgerGrain>(tenant.Value);
}
