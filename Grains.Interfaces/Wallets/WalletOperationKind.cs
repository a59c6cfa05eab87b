namespace VoicePlatform.Wallets;

/// <summary>What a call (or another consumer) does to its tenant's wallet. JSON: reserve, extend, debit, settle, release.</summary>
[GenerateSerializer, Alias("vp.WalletOperationKind")]
public enum WalletOperationKind
{
    /// <summary>Opens a reservation for the reference: available falls, balance does not.</summary>
    Reserve = 0,
    /// <summary>Adds to an open reservation.</summary>
    Extend = 1,
    /// <summary>Takes money out of the balance against the reservation (the reservation shrinks by the same).</summary>
    Debit = 2,
    /// <summary>Debits the final amount (against the reservation first) and releases the rest; closes the reservation.</summary>
    Settle = 3,
    /// <summary>Releases what is left of the reservation; closes it.</summary>
    Release = 4,
}
