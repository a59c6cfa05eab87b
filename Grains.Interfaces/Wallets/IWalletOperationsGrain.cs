namespace VoicePlatform.Wallets;

/// <summary>
/// The way calls reach their tenant's wallet: a stateless worker per tenant and silo that gathers the operations
/// arriving together into one <see cref="IWalletGrain.ExecuteAsync"/> call. Keyed by tenant id.
/// </summary>
[Alias("vp.IWalletOperationsGrain")]
public interface IWalletOperationsGrain : IGrainWithStringKey
{
    Task<WalletOperationResult> ExecuteAsync(WalletOperation operation);
}
