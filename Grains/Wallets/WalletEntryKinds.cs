using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>The ledger entry kind of each operation and credit kind.</summary>
public static class WalletEntryKinds
{
    public static WalletEntryKind Of(WalletOperationKind kind) => kind switch
    {
        WalletOperationKind.Reserve => WalletEntryKind.Reserve,
        WalletOperationKind.Extend => WalletEntryKind.Extend,
        WalletOperationKind.Debit => WalletEntryKind.Debit,
        WalletOperationKind.Settle => WalletEntryKind.Settle,
        WalletOperationKind.Release => WalletEntryKind.Release,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown operation."),
    };

    public static WalletEntryKind Of(CreditKind kind) => kind switch
    {
        CreditKind.TopUp => WalletEntryKind.TopUp,
        CreditKind.Bonus => WalletEntryKind.Bonus,
        CreditKind.Refund => WalletEntryKind.Refund,
        CreditKind.Adjustment => WalletEntryKind.Adjustment,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown credit kind."),
    };

    public static bool IsCredit(WalletEntryKind kind) => kind is WalletEntryKind.TopUp or WalletEntryKind.Bonus or WalletEntryKind.Refund or WalletEntryKind.Adjustment;
}
