using VoicePlatform.Campaigns;

namespace VoicePlatform.Tenants;

/// <summary>A partial change to <see cref="TenantSettings"/>: null members stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantSettingsPatch")]
public sealed record TenantSettingsPatch
{
    [Id(0)] public string? DefaultTimeZone { get; init; }
    [Id(1)] public string? Currency { get; init; }
    [Id(2)] public int? ConcurrencyLimit { get; init; }
    [Id(3)] public decimal? LowBalanceThreshold { get; init; }
    [Id(4)] public int? InboundConcurrencyLimit { get; init; }
    [Id(5)] public int? InboundReservedCalls { get; init; }
    /// <summary>The whole list of the tenant's own calling rules, replacing the one held (an empty list removes them all).</summary>
    [Id(6)] public IReadOnlyList<CallingRule>? CallingRules { get; init; }

    public TenantSettings ApplyTo(TenantSettings settings) => settings with
    {
        DefaultTimeZone = DefaultTimeZone ?? settings.DefaultTimeZone,
        Currency = Currency ?? settings.Currency,
        ConcurrencyLimit = ConcurrencyLimit ?? settings.ConcurrencyLimit,
        LowBalanceThreshold = LowBalanceThreshold ?? settings.LowBalanceThreshold,
        InboundConcurrencyLimit = InboundConcurrencyLimit ?? settings.InboundConcurrencyLimit,
        InboundReservedCalls = InboundReservedCalls ?? settings.InboundReservedCalls,
        CallingRules = CallingRules ?? settings.CallingRules,
    };
}
