using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Wallets;

/// <summary>Tenants with money, metered-call-shaped operation flows, and a caller that retries the way the call grain must.</summary>
public static class WalletTestSupport
{
    public static async Task<TenantId> CreateFundedTenantAsync(IGrainFactory grains, long amount, decimal threshold = 0m)
    {
        var tenant = TenantId.New();
        await grains.GetTenant(tenant).CreateAsync(new CreateTenant
        {
            Name = "Wallet test",
            Settings = TenantSettings.Default with { LowBalanceThreshold = threshold },
        });
        if (amount > 0)
        {
            var credit = await grains.GetWallet(tenant).CreditAsync(new WalletCredit
            {
                Kind = CreditKind.TopUp, Amount = amount, IdempotencyKey = "credit:opening", Actor = "test",
            });
            Assert.Equal(WalletOperationStatus.Applied, credit.Status);
        }
        return tenant;
    }

    /// <summary>
    /// A metered call's operations on one reference, as the call grain sends them: reserve a block, extend it, debit
    /// the first block, settle the rest. The call is charged <c>debit + settle</c> (both within the reservation).
    /// </summary>
    public static WalletOperation[] CallFlow(string reference, int seed)
    {
        var reserve = 300 + seed % 7 * 50;
        var extend = 100 + seed % 3 * 25;
        var debit = 50 + seed % 5 * 20;
        var settle = 75 + seed % 11 * 10;
        return
        [
            Op(WalletOperationKind.Reserve, reference, reserve, $"call:{reference}:reserve"),
            Op(WalletOperationKind.Extend, reference, extend, $"call:{reference}:extend:1"),
            Op(WalletOperationKind.Debit, reference, debit, $"call:{reference}:debit:1"),
            Op(WalletOperationKind.Settle, reference, settle, $"call:{reference}:settle"),
        ];
    }

    /// <summary>
    /// A longer metered call: reserve, then per block extend the reservation and debit the block, then settle — the
    /// shape of a call that runs for <paramref name="blocks"/> blocks.
    /// </summary>
    public static WalletOperation[] MeteredCallFlow(string reference, int seed, int blocks)
    {
        var block = 40 + seed % 9 * 5;
        var operations = new List<WalletOperation> { Op(WalletOperationKind.Reserve, reference, block * 2, $"call:{reference}:reserve") };
        for (var i = 1; i <= blocks; i++)
        {
            operations.Add(Op(WalletOperationKind.Extend, reference, block, $"call:{reference}:extend:{i}"));
            operations.Add(Op(WalletOperationKind.Debit, reference, block, $"call:{reference}:debit:{i}"));
        }
        operations.Add(Op(WalletOperationKind.Settle, reference, block / 2 + seed % 4, $"call:{reference}:settle"));
        return [.. operations];
    }

    /// <summary>What a <see cref="CallFlow"/> or <see cref="MeteredCallFlow"/> charges when the wallet can pay it.</summary>
    public static long Charge(IReadOnlyList<WalletOperation> flow) =>
        flow.Where(o => o.Kind is WalletOperationKind.Debit or WalletOperationKind.Settle).Sum(o => o.Amount);

    public static WalletOperation Op(WalletOperationKind kind, string reference, long amount, string key) =>
        new() { Kind = kind, Reference = reference, Amount = amount, IdempotencyKey = key };

    /// <summary>
    /// Sends an operation until it has an answer. A failed call (a lost silo, an injected store failure, a timeout)
    /// has an unknown outcome; the same operation with the same key is how the caller learns it.
    /// </summary>
    public static async Task<WalletOperationResult> ExecuteWithRetriesAsync(Func<IGrainFactory> grains, TenantId tenant, WalletOperation operation,
        Action<Exception>? onFailure = null, TimeSpan? callTimeout = null)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var call = grains().GetWalletOperations(tenant).ExecuteAsync(operation);
                return callTimeout is { } timeout ? await call.WaitAsync(timeout) : await call;
            }
            catch (Exception e) when (e is not ArgumentException && DateTime.UtcNow < giveUp)
            {
                onFailure?.Invoke(e);
                // Back off a little so a cluster that is restarting is not hammered; this is a retry pace, not a wait for a condition.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(20 * attempt, 500)));
            }
        }
    }

    /// <summary>Runs each flow's operations in order, all flows at once; returns every answer by flow.</summary>
    public static Task<WalletOperationResult[][]> RunFlowsAsync(Func<IGrainFactory> grains, TenantId tenant, IReadOnlyList<WalletOperation[]> flows,
        Action<Exception>? onFailure = null, TimeSpan? callTimeout = null, Action? onAnswer = null) =>
        Task.WhenAll(flows.Select(flow => Task.Run(async () =>
        {
            var answers = new WalletOperationResult[flow.Length];
            for (var i = 0; i < flow.Length; i++)
            {
                answers[i] = await ExecuteWithRetriesAsync(grains, tenant, flow[i], onFailure, callTimeout);
                onAnswer?.Invoke();
            }
            return answers;
        })));
}
