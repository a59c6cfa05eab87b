using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Tenant settings as a client sends them; omitted members keep their current or default value.</summary>
public sealed record TenantSettingsRequest(string? DefaultTimeZone, string? Currency, int? ConcurrencyLimit, decimal? LowBalanceThreshold,
    int? InboundConcurrencyLimit = null, int? InboundReservedCalls = null, IReadOnlyList<CallingRuleRequest>? CallingRules = null)
{
    public TenantSettingsPatch ToPatch() => new()
    {
        DefaultTimeZone = DefaultTimeZone,
        Currency = Currency,
        ConcurrencyLimit = ConcurrencyLimit,
        LowBalanceThreshold = LowBalanceThreshold,
        InboundConcurrencyLimit = InboundConcurrencyLimit,
        InboundReservedCalls = InboundReservedCalls,
        CallingRules = CallingRules?.Select(r => r.ToRule()).ToList(),
    };
}
