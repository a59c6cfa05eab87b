namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// A commit found the wallet moved on (another activation, or an earlier commit whose answer was lost, wrote first)
/// or one of its idempotency keys already in the ledger. Nothing of the commit was written; the wallet reloads and
/// tries again.
/// </summary>
public sealed class WalletCommitConflictException(string message, Exception? inner = null) : Exception(message, inner);
