namespace VoicePlatform.Wallets;

/// <summary>
/// The way calls reach their tenant's wallet: a stateless worker per tenant and silo that gathers the operations
/// arriving together into one <see cref="IWalletGrain.ExecuteAsync"/> call. Keyed by tenant id.
/// </summary>
/// <remarks>
/// Design every call to be retried: when a call fails (<see cref="WalletUnavailableException"/>, a timeout, a lost
/// silo) its outcome is unknown, and the same operation with the same idempotency key is the way to learn it — the
/// repeat answers the first result and moves no money, however long after and across restarts. An invalid operation
/// throws <see cref="ArgumentException"/> to its caller alone.
/// </remarks>
[Alias("vp.IWalletOperationsGrain")]
public interface IWalletOperationsGrain : IGrainWithStringKey
{
    Task<WalletOperationResult> ExecuteAsync(WalletOperation operation);
}
