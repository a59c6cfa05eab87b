namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// A wallet as the ledger store last committed it: the last entry's sequence and the totals after it, the open
/// reservations, and whether the low-balance event for the current dip has been raised.
/// </summary>
public sealed record WalletSnapshot
{
    public required long Sequence { get; init; }
    public required long Balance { get; init; }
    public required long Reserved { get; init; }
    /// <summary>True while available is below the threshold and the event for this crossing was raised.</summary>
    public required bool LowBalance { get; init; }
    /// <summary>Open reservations by reference (a reservation may be open at zero).</summary>
    public required IReadOnlyDictionary<string, long> Reservations { get; init; }

    /// <summary>
    /// A wallet that never moved money. It counts as already low, so an empty wallet raises no event: the first one
    /// comes when money that was there runs low.
    /// </summary>
    public static WalletSnapshot Empty { get; } = new()
    {
        Sequence = 0,
        Balance = 0,
        Reserved = 0,
        LowBalance = true,
        Reservations = new Dictionary<string, long>(),
    };
}
