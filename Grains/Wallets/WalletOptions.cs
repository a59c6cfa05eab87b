using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Wallets;

/// <summary>How wallets batch, remember and tell.</summary>
public sealed class WalletOptions : IValidatedOptions
{
    public static string SectionName => "Wallets";

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

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxCommitSize is < 1 or > 100_000) errors.Add($"{SectionName}:MaxCommitSize must be from 1 to 100000; got {MaxCommitSize}.");
        if (MaxForwardSize < 1 || MaxForwardSize > MaxCommitSize) errors.Add($"{SectionName}:MaxForwardSize must be from 1 to {SectionName}:MaxCommitSize ({MaxCommitSize}); got {MaxForwardSize}.");
        if (RecentKeys is < 0 or > 10_000_000) errors.Add($"{SectionName}:RecentKeys must be from 0 to 10000000; got {RecentKeys}.");
        if (MaxCommitAttempts is < 1 or > 100) errors.Add($"{SectionName}:MaxCommitAttempts must be from 1 to 100; got {MaxCommitAttempts}.");
        if (SettingsRefreshInterval <= TimeSpan.Zero) errors.Add($"{SectionName}:SettingsRefreshInterval must be positive; got {SettingsRefreshInterval}.");
        return errors;
    }
}
