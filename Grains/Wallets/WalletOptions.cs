namespace VoicePlatform.Grains.Wallets;

/// <summary>How wallets batch, remember and tell.</summary>
public sealed class WalletOptions
{
    /// <summary>Most requests one group commit takes; the rest wait for the next.</summary>
    public int MaxCommitSize { get; set; } = 2_000;

    /// <summary>Most operations a wallet-operations worker sends in one call to the wallet.</summary>
    public int MaxForwardSize { get; set; } = 500;

    /// <summary>
    /// Idempotency keys whose entries a wallet keeps in memory to answer repeats without the database (a few hundred
    /// bytes each, per active wallet). Older repeats still answer correctly, through the ledger's unique key.
    /// </summary>
    public int RecentKeys { get; set; } = 20_000;

    /// <summary>Times a group commit is planned again after the wallet was found moved on, before callers get the error.</summary>
    public int MaxCommitAttempts { get; set; } = 5;

    /// <summary>How long a wallet uses the tenant's currency and threshold before asking the tenant again.</summary>
    public TimeSpan SettingsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The stream provider low-balance events are published on; null publishes none. The silo sets its live provider.</summary>
    public string? EventStreamProvider { get; set; }
}
