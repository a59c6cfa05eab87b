namespace VoicePlatform.Tenants;

/// <summary>Tenant-wide defaults that later features (campaigns, billing) read.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantSettings")]
public sealed record TenantSettings
{
    /// <summary>IANA time zone used when a lead's own zone is unknown.</summary>
    [Id(0)] public string DefaultTimeZone { get; init; } = "UTC";

    /// <summary>ISO 4217 code of the wallet's currency.</summary>
    [Id(1)] public string Currency { get; init; } = "USD";

    /// <summary>Most calls the tenant may have live at once.</summary>
    [Id(2)] public int ConcurrencyLimit { get; init; } = 10;

    /// <summary>Wallet balance under which the tenant is warned.</summary>
    [Id(3)] public decimal LowBalanceThreshold { get; init; } = 10m;

    public static TenantSettings Default { get; } = new();
}
