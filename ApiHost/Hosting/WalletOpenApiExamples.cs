using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>The wallet routes' OpenAPI examples, added to <see cref="OpenApiExamples"/> once per process.</summary>
public static class WalletOpenApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly CreditId Credit = CreditId.For(TenantId.FromIdempotencyKey("example"), "credit:invoice-2026-118");

    // A static initializer runs exactly once and before any host built in this process can serve its document.
    private static readonly bool Registered = Register();

    public static void EnsureRegistered() => _ = Registered;

    private static bool Register()
    {
        OpenApiExamples.Add(typeof(CreditRequest), new CreditRequest(CreditKind.TopUp, 5_000, "Invoice 2026-118 paid by bank transfer"));
        OpenApiExamples.Add(typeof(WalletCreditReceipt), new WalletCreditReceipt(Credit.Value, CreditKind.TopUp, 5_000, "Invoice 2026-118 paid by bank transfer", 42, 7_250, 1_200));
        OpenApiExamples.Add(typeof(WalletView), new WalletView { Currency = "USD", Balance = 7_250, Reserved = 1_200, LowBalanceThreshold = 2_000, LowBalance = false });
        OpenApiExamples.Add(typeof(Page<WalletLedgerEntry>), new Page<WalletLedgerEntry>
        {
            Items =
            [
                new WalletLedgerEntry
                {
                    Sequence = 43, Kind = WalletEntryKind.Settle, Status = WalletOperationStatus.Applied, Requested = 318, Amount = 318,
                    BalanceChange = -318, ReservedChange = -600, BalanceAfter = 6_932, ReservedAfter = 600, ReservationAfter = 0,
                    Reference = "cal_k3p9q2xam4r8t2wqa7bc", IdempotencyKey = "call:cal_k3p9q2xam4r8t2wqa7bc:settle", At = At.AddMinutes(4),
                },
                new WalletLedgerEntry
                {
                    Sequence = 42, Kind = WalletEntryKind.TopUp, Status = WalletOperationStatus.Applied, Requested = 5_000, Amount = 5_000,
                    BalanceChange = 5_000, ReservedChange = 0, BalanceAfter = 7_250, ReservedAfter = 1_200, ReservationAfter = 0,
                    Reference = Credit.Value, IdempotencyKey = "credit:invoice-2026-118", Actor = "operator",
                    Note = "Invoice 2026-118 paid by bank transfer", At = At,
                },
            ],
            Next = "42",
        });
        return true;
    }
}
