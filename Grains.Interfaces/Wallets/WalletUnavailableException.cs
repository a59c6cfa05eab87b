namespace VoicePlatform.Wallets;

/// <summary>
/// The wallet could not make a request durable (the ledger's database failed or kept being written by another
/// activation). The outcome is unknown: the request may have been recorded. Send the same operation with the same
/// idempotency key again to learn it; it never moves money twice.
/// </summary>
[GenerateSerializer, Alias("vp.WalletUnavailableException")]
public sealed class WalletUnavailableException : Exception
{
    public WalletUnavailableException() : base("The wallet could not record the request; retry it with the same idempotency key.")
    {
    }

    public WalletUnavailableException(string message) : base(message)
    {
    }
}
