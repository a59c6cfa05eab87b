using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>OpenAPI examples of the wallet routes: a top-up, its receipt, a wallet and a ledger page that agree with each other.</summary>
public static class WalletOpenApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly CreditId Credit = CreditId.For(TenantId.FromIdempotencyKey("example"), "credit:invoice-2026-118");
    private const string Note = "Invoice 2026-118 paid by bank transfer";

    public static IEnumerable<KeyValuePair<Type, object>> Samples =>
    [
        new(typeof(CreditRequest), new CreditRequest(CreditKind.TopUp, 5_000, Note)),
        new(typeof(WalletCreditReceipt), new WalletCreditReceipt(Credit.Value, CreditKind.TopUp, 5_000, Note, 42, 7_250, 1_200)),
        new(typeof(WalletView), new WalletView { Currency = "USD", Balance = 6_932, Reserved = 600, LowBalanceThreshold = 2_000, LowBalance = false }),
        new(typeof(Page<WalletLedgerEntry>), new Page<WalletLedgerEntry>
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
                    Reference = Credit.Value, IdempotencyKey = "credit:invoice-2026-118", Actor = "operator", Note = Note, At = At,
                },
            ],
            Next = "42",
        }),
    ];
}
