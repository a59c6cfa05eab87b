using VoicePlatform.Common;

namespace VoicePlatform.Wallets;

/// <summary>
/// What a wallet operation or credit must look like. The API uses it to answer 400 naming the field; the wallet
/// grains check again, so nothing malformed reaches the ledger whoever calls.
/// </summary>
public static class WalletRules
{
    /// <summary>Most minor units one operation may move: ten billion in a two-digit currency, far above any call.</summary>
    public const long MaxAmount = 1_000_000_000_000;
    /// <summary>Room for a client's 200-character Idempotency-Key behind a prefix such as <c>credit:</c>.</summary>
    public const int MaxKeyLength = 256;
    public const int MaxReferenceLength = 200;
    public const int MaxNoteLength = 500;
    public const int MaxActorLength = 200;

    public static void Validate(WalletOperation operation, IDictionary<string, string[]> errors)
    {
        if (!Enum.IsDefined(operation.Kind)) errors["kind"] = ["Unknown operation."];
        Key(errors, "reference", operation.Reference, MaxReferenceLength);
        Key(errors, "idempotencyKey", operation.IdempotencyKey, MaxKeyLength);
        if (operation.Amount is < 0 or > MaxAmount) errors["amount"] = [$"Between 0 and {MaxAmount} minor units."];
    }

    public static void Validate(WalletCredit credit, IDictionary<string, string[]> errors)
    {
        if (!Enum.IsDefined(credit.Kind)) errors["kind"] = ["Unknown credit kind."];
        else Amount(errors, "amount", credit.Kind, credit.Amount);
        Key(errors, "idempotencyKey", credit.IdempotencyKey, MaxKeyLength);
        Validation.Text(errors, "note", credit.Note, MaxNoteLength);
        Validation.Required(errors, "actor", credit.Actor, MaxActorLength);
    }

    /// <summary>Top-ups, bonuses and refunds add money; only an adjustment may take it away, and none is zero.</summary>
    public static void Amount(IDictionary<string, string[]> errors, string field, CreditKind kind, long amount)
    {
        if (kind == CreditKind.Adjustment)
        {
            if (amount == 0 || amount < -MaxAmount || amount > MaxAmount)
                errors[field] = [$"A non-zero number of minor units between -{MaxAmount} and {MaxAmount}."];
        }
        else if (amount is < 1 or > MaxAmount)
        {
            errors[field] = [$"Between 1 and {MaxAmount} minor units (only an adjustment may be negative)."];
        }
    }

    /// <summary>An idempotency key or a reference: 1 to <paramref name="maxLength"/> printable characters.</summary>
    public static void Key(IDictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || value.Any(char.IsControl))
            errors[field] = [$"1 to {maxLength} printable characters."];
    }

    public static void EnsureValid(WalletOperation operation)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(operation, errors);
        Validation.ThrowIfAny(errors);
    }

    public static void EnsureValid(WalletCredit credit)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(credit, errors);
        Validation.ThrowIfAny(errors);
    }
}
