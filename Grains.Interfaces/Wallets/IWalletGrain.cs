namespace VoicePlatform.Wallets;

/// <summary>
/// A tenant's prepaid wallet (keyed by tenant id): balance, reserved and available in integer minor units, never
/// below zero. Every operation is idempotent by key and recorded in the append-only ledger. Calls reach it through
/// <see cref="IWalletOperationsGrain"/>, which batches, so a tenant's many calls never make it a hot spot.
/// </summary>
[Alias("vp.IWalletGrain")]
public interface IWalletGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<WalletView> GetAsync();

    /// <summary>Operator credit (top-up, bonus, refund, adjustment).</summary>
    Task<WalletOperationResult> CreditAsync(WalletCredit credit);

    /// <summary>Applies operations in order; one result per operation, in the same order.</summary>
    Task<IReadOnlyList<WalletOperationResult>> ExecuteAsync(IReadOnlyList<WalletOperation> operations);
}
