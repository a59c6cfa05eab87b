using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>What one operation did to a <see cref="WalletBook"/>: its ledger entry, and whether available just fell below the threshold.</summary>
public readonly record struct WalletBookStep(WalletLedgerEntry Entry, bool CrossedBelowThreshold);
