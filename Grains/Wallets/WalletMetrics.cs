using System.Diagnostics.Metrics;
using VoicePlatform.Common;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// Wallet operations as answered (<c>voiceplatform_wallet_operations</c>): by kind (reserve, extend, debit, settle,
/// release) and status (applied, replayed, insufficient-funds, …) — bounded labels, no tenant. Exported as a gauge
/// that only grows, like the calls' counters (see <see cref="Calls.CallMetrics"/>).
/// </summary>
public static class WalletMetrics
{
    public const string MeterName = "VoicePlatform.Wallet";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Operations = Meter.CreateCounter<long>("operations", "{operation}", "Wallet operations answered, by kind and status.");

    public static void Answered(WalletOperation operation, WalletOperationResult result) =>
        Operations.Add(1, new("kind", operation.Kind.Kebab()), new("status", result.Status.Kebab()));
}
