using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// Gathers the operations that reach this silo for one tenant while a call to the wallet is in flight, and sends
/// them as the next batch: a tenant's thousand calls cost the wallet a few messages per commit, not a thousand.
/// A reentrant stateless worker, so every silo has its own and none waits for another. A batch the cluster refused
/// (the wallet's silo leaving in a rolling restart) is sent again (<see cref="ClusterChangeRetry"/>): the operations
/// are idempotent under their keys, and a call that failed here would end undialled.
/// </summary>
[StatelessWorker(1), Reentrant, GrainType("wallet-operations")]
public sealed class WalletOperationsGrain(IOptions<WalletOptions> options, TimeProvider time, ILogger<WalletOperationsGrain> logger) : Grain, IWalletOperationsGrain
{
    private readonly List<(WalletOperation Operation, TaskCompletionSource<WalletOperationResult> Answer)> _queue = [];
    private IWalletGrain? _wallet;
    private bool _forwarding;

    public Task<WalletOperationResult> ExecuteAsync(WalletOperation operation)
    {
        // Checked here so a malformed operation fails its own caller, not the batch it would have joined.
        WalletRules.EnsureValid(operation);
        _wallet ??= GrainFactory.GetWallet(TenantId.Parse(this.GetPrimaryKeyString()));
        var answer = new TaskCompletionSource<WalletOperationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((operation, answer));
        if (!_forwarding)
        {
            _forwarding = true;
            _ = ForwardQueuedAsync(_wallet);
        }
        return answer.Task;
    }

    private async Task ForwardQueuedAsync(IWalletGrain wallet)
    {
        try
        {
            while (_queue.Count > 0)
            {
                var count = Math.Min(_queue.Count, Math.Max(1, options.Value.MaxForwardSize));
                var batch = _queue.GetRange(0, count);
                _queue.RemoveRange(0, count);
                try
                {
                    var operations = batch.Select(b => b.Operation).ToArray();
                    var results = await ClusterChangeRetry.RunAsync(() => wallet.ExecuteAsync(operations), time, (error, delay) =>
                        logger.LogInformation("Wallet batch of {Count} operations for tenant {TenantId} refused while the cluster changes; sent again in {Delay} ms: {Error}",
                            operations.Length, this.GetPrimaryKeyString(), delay.TotalMilliseconds, error.Message));
                    for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(results[i]);
                }
                catch (Exception failure)
                {
                    // Outcome unknown for the whole batch (still refused after the repeats, or failed): each caller retries with its own key and learns it.
                    foreach (var (_, answer) in batch) answer.TrySetException(failure);
                }
            }
        }
        finally
        {
            _forwarding = false;
        }
    }
}
