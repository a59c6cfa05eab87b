using VoicePlatform.ApiHost.Http;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// An operator credit: top-up, bonus, refund or adjustment, in integer minor units of the tenant's currency (only an
/// adjustment may be negative). The required Idempotency-Key header makes it safe to retry; the ledger reference is
/// a credit id the platform derives from it, never a payment id the client sends.
/// </summary>
public sealed record CreditRequest(CreditKind? Kind, long? Amount, string? Note)
{
    /// <summary>Ledger keys of operator credits carry this prefix, so they can never collide with a call's operation keys.</summary>
    public const string KeyPrefix = "credit:";

    public Dictionary<string, string[]> Validate(string? idempotencyKey, string actor, out WalletCredit credit)
    {
        var errors = new Dictionary<string, string[]>();
        if (idempotencyKey is null) errors[IdempotencyKeys.Header] = ["Required: a credit must be safe to retry."];
        else WalletRules.Key(errors, IdempotencyKeys.Header, idempotencyKey, IdempotencyKeys.MaxLength);
        if (Kind is null) errors["kind"] = ["Required: top-up, bonus, refund or adjustment."];
        if (Amount is null) errors["amount"] = ["Required: integer minor units of the tenant's currency."];
        credit = new WalletCredit
        {
            Kind = Kind ?? CreditKind.TopUp,
            Amount = Amount ?? 0,
            IdempotencyKey = KeyPrefix + idempotencyKey,
            Note = Note,
            Actor = actor,
        };
        if (Kind is { } kind && Amount is { } amount) WalletRules.Amount(errors, "amount", kind, amount);
        Common.Validation.Text(errors, "note", Note, WalletRules.MaxNoteLength);
        return errors;
    }
}
