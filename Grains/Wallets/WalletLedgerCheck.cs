namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// The ledger checked against itself and the stored wallet: every entry's totals follow from the previous entry's
/// and its own change, sequences have no gaps, and the sums of changes are the stored balance and reserved money.
/// </summary>
public sealed record WalletLedgerCheck
{
    public required long Entries { get; init; }
    public required long LastSequence { get; init; }
    public required long SumOfBalanceChanges { get; init; }
    public required long SumOfReservedChanges { get; init; }
    /// <summary>Entries whose after-figures are not the previous entry's plus their own change, or whose sequence skips.</summary>
    public required long BrokenEntries { get; init; }
    public required long Balance { get; init; }
    public required long Reserved { get; init; }
    public required long SumOfOpenReservations { get; init; }
    public required long StoredSequence { get; init; }

    public bool Consistent =>
        BrokenEntries == 0 && SumOfBalanceChanges == Balance && SumOfReservedChanges == Reserved
        && SumOfOpenReservations == Reserved && LastSequence == StoredSequence && Entries == LastSequence;
}
