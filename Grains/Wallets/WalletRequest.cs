using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// One operation or credit waiting in a wallet's queue for the next group commit, with the caller's answer to
/// complete once that commit is durable.
/// </summary>
public sealed class WalletRequest
{
    private WalletRequest(string idempotencyKey, WalletOperation? operation, WalletCredit? credit, string? creditReference)
    {
        IdempotencyKey = idempotencyKey;
        Operation = operation;
        Credit = credit;
        CreditReference = creditReference;
    }

    public string IdempotencyKey { get; }
    public WalletOperation? Operation { get; }
    public WalletCredit? Credit { get; }
    /// <summary>The credit id the platform made for a credit.</summary>
    public string? CreditReference { get; }

    /// <summary>Completed after the commit, never inline: the committing loop must not run callers' continuations.</summary>
    public TaskCompletionSource<WalletOperationResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static WalletRequest For(WalletOperation operation) => new(operation.IdempotencyKey, operation, null, null);

    public static WalletRequest For(WalletCredit credit, CreditId reference) => new(credit.IdempotencyKey, null, credit, reference.Value);

    public WalletBookStep ApplyTo(WalletBook book, DateTimeOffset at) =>
        Operation is not null ? book.Apply(Operation, at) : book.Credit(Credit!, CreditReference!, at);

    /// <summary>
    /// Whether <paramref name="entry"/>, recorded under this request's key, records this same request: the same kind,
    /// reference and amount (a release's amount is ignored), and for a credit the same note.
    /// </summary>
    public bool IsRepeatOf(WalletLedgerEntry entry)
    {
        if (Operation is { } operation)
        {
            return entry.Kind == WalletEntryKinds.Of(operation.Kind)
                && entry.Reference == operation.Reference
                && (operation.Kind == WalletOperationKind.Release || entry.Requested == operation.Amount);
        }
        var credit = Credit!;
        return entry.Kind == WalletEntryKinds.Of(credit.Kind) && entry.Requested == credit.Amount && entry.Note == credit.Note;
    }
}
