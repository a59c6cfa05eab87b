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

    /// <summary>The wallet as <see cref="GetAsync"/> shows it, or null when its tenant does not exist (the operator API's 404).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<WalletView?> FindAsync();

    /// <summary>
    /// Operator credit (top-up, bonus, refund, adjustment). The ledger reference is a credit id the platform derives
    /// from the tenant and the idempotency key (never a client-supplied payment id). A negative adjustment larger
    /// than the available money is refused (InsufficientFunds); an unknown tenant answers TenantNotFound.
    /// </summary>
    Task<WalletOperationResult> CreditAsync(WalletCredit credit);

    /// <summary>
    /// Applies operations in order; one result per operation, in the same order, answered once they are durable in
    /// the ledger. Concurrent batches share one database transaction (group commit). An invalid operation (see
    /// <see cref="WalletRules"/>) fails the whole call with <see cref="ArgumentException"/> before anything is applied.
    /// </summary>
    Task<IReadOnlyList<WalletOperationResult>> ExecuteAsync(IReadOnlyList<WalletOperation> operations);
}
