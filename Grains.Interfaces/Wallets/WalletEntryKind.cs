namespace VoicePlatform.Wallets;

/// <summary>
/// What a ledger entry records: one of the credit kinds or one of the operation kinds. JSON (and the ledger table):
/// top-up, bonus, refund, adjustment, reserve, extend, debit, settle, release.
/// </summary>
[GenerateSerializer, Alias("vp.WalletEntryKind")]
public enum WalletEntryKind
{
    TopUp = 0,
    Bonus = 1,
    Refund = 2,
    Adjustment = 3,
    Reserve = 4,
    Extend = 5,
    Debit = 6,
    Settle = 7,
    Release = 8,
}
