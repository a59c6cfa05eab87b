using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>What a credit did: its platform-made id and ledger entry, and the wallet right after it (minor units).</summary>
public sealed record WalletCreditReceipt(string CreditId, CreditKind Kind, long Amount, string? Note, long Sequence, long Balance, long Reserved)
{
    public long Available => Balance - Reserved;
}
