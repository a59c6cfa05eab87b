namespace VoicePlatform.Wallets;

/// <summary>Why money is added. JSON: top-up, bonus, refund, adjustment.</summary>
[GenerateSerializer, Alias("vp.CreditKind")]
public enum CreditKind
{
    TopUp = 0,
    Bonus = 1,
    Refund = 2,
    /// <summary>An operator correction; may be negative (never taking the balance below zero).</summary>
    Adjustment = 3,
}
