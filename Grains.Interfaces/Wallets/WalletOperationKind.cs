namespace VoicePlatform.Wallets;

/// <summary>What a call (or another consumer) does to its tenant's wallet. JSON: reserve, extend, debit, settle, release.</summary>
[GenerateSerializer, Alias("vp.WalletOperationKind")]
public enum WalletOperationKind
{
    /// <summary>
    /// Opens a reservation for the reference: available falls, balance does not. On a reference whose reservation is
    /// already open it adds to it, like <see cref="Extend"/>.
    /// </summary>
    Reserve = 0,
    /// <summary>Adds to an open reservation.</summary>
    Extend = 1,
    /// <summary>
    /// Takes money out of the balance against the reservation (the reservation shrinks by the same). What exceeds
    /// the reservation comes from available money; when the two together cannot cover the whole amount nothing moves
    /// (InsufficientFunds) — settle is the operation that takes what it can and reports the rest. The reservation
    /// stays open, possibly at zero.
    /// </summary>
    Debit = 2,
    /// <summary>
    /// Debits the final amount (against the reservation first, then from available money as far as it goes), reports
    /// what could not be paid as the result's Shortfall, releases the rest and closes the reservation.
    /// </summary>
    Settle = 3,
    /// <summary>Releases what is left of the reservation; closes it.</summary>
    Release = 4,
}
