using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// What a tenant admin may change about their own tenant: the default time zone, the wallet's low-balance threshold
/// (in the currency's major units) and the tenant's own calling rules, which every campaign keeps (the whole list,
/// replacing the one held). Limits, currency and status stay the operator's.
/// </summary>
public sealed record TenantOwnSettingsRequest(string? DefaultTimeZone, decimal? LowBalanceThreshold, IReadOnlyList<CallingRuleRequest>? CallingRules = null)
{
    public Dictionary<string, string[]> Validate(TenantSettings current, out UpdateTenant command)
    {
        var errors = new Dictionary<string, string[]>();
        var patch = new TenantSettingsPatch
        {
            DefaultTimeZone = DefaultTimeZone?.Trim(), LowBalanceThreshold = LowBalanceThreshold, CallingRules = CallingRules?.Select(r => r.ToRule()).ToList(),
        };
        if (DefaultTimeZone is null && LowBalanceThreshold is null && CallingRules is null)
            errors["body"] = ["Nothing to change: send defaultTimeZone, lowBalanceThreshold and/or callingRules."];
        // Checked merged with the tenant's own settings (the threshold's decimals depend on its currency); named as sent.
        var merged = new Dictionary<string, string[]>();
        TenantRules.Validate(patch.ApplyTo(current), "", merged);
        foreach (var (field, reasons) in merged) errors[field] = reasons;
        command = new UpdateTenant { Settings = patch };
        return errors;
    }
}
