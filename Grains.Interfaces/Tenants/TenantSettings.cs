using VoicePlatform.Campaigns;
using VoicePlatform.Common;

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

    /// <summary>Most inbound calls the tenant answers at once; a caller beyond it is turned away (busy). Within <see cref="ConcurrencyLimit"/>.</summary>
    [Id(4)] public int InboundConcurrencyLimit { get; init; } = 10;

    /// <summary>Slots of <see cref="ConcurrencyLimit"/> kept for inbound calls: outbound campaigns never use them.</summary>
    [Id(5)] public int InboundReservedCalls { get; init; }

    /// <summary>
    /// The tenant's own calling rules, stricter than the federal and state ones: every campaign of the tenant keeps them,
    /// besides its own. A change reaches running campaigns before their next dial.
    /// </summary>
    [Id(6)] public IReadOnlyList<CallingRule> CallingRules { get; init; } = [];

    public static TenantSettings Default { get; } = new();

    /// <summary>Value equality, the rule list compared element by element (a record compares lists by reference).</summary>
    public bool Equals(TenantSettings? other) =>
        other is not null && DefaultTimeZone == other.DefaultTimeZone && Currency == other.Currency && ConcurrencyLimit == other.ConcurrencyLimit
        && LowBalanceThreshold == other.LowBalanceThreshold && InboundConcurrencyLimit == other.InboundConcurrencyLimit
        && InboundReservedCalls == other.InboundReservedCalls && SameCallingRules(other);

    public override int GetHashCode() =>
        HashCode.Combine(DefaultTimeZone, Currency, ConcurrencyLimit, LowBalanceThreshold, InboundConcurrencyLimit, InboundReservedCalls, CallingRules.Count);

    public bool SameCallingRules(TenantSettings other) =>
        CallingRules.Count == other.CallingRules.Count && CallingRules.Zip(other.CallingRules).All(p => p.First.SameAs(p.Second));
}
