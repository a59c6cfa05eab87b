namespace VoicePlatform.Wallets;

/// <summary>How an operation went. JSON: applied, replayed, insufficient-funds, no-reservation, conflict.</summary>
[GenerateSerializer, Alias("vp.WalletOperationStatus")]
public enum WalletOperationStatus
{
    Applied = 0,
    /// <summary>The idempotency key was used before with the same operation: the first result, nothing moved.</summary>
    Replayed = 1,
    /// <summary>Available money does not cover it; nothing moved.</summary>
    InsufficientFunds = 2,
    /// <summary>Extend, debit, settle or release of a reference with no open reservation; nothing moved.</summary>
    NoReservation = 3,
    /// <summary>The idempotency key was used before for a different operation; nothing moved.</summary>
    Conflict = 4,
    /// <summary>Credits only: the wallet's tenant does not exist; nothing moved. Operations never answer it.</summary>
    TenantNotFound = 5,
}
