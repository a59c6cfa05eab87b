using VoicePlatform.Campaigns;
using VoicePlatform.Common;

namespace VoicePlatform.Tenants;

/// <summary>
/// The rules a tenant's name and settings obey. The API uses them to answer 400 naming the field; the
/// grain uses them again so that nothing invalid is ever stored, whoever calls it.
/// </summary>
public static class TenantRules
{
    public const int MaxNameLength = 200;
    public const int MaxConcurrencyLimit = 10_000;
    public const int MaxSuspendReasonLength = 500;

    /// <summary>The largest low-balance threshold, in currency units: far above any wallet, far below overflow.</summary>
    public const decimal MaxLowBalanceThreshold = 1_000_000_000m;

    public static void ValidateName(string? name, string field, IDictionary<string, string[]> errors) =>
        Validation.Required(errors, field, name, MaxNameLength);

    public static void Validate(TenantSettings settings, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.TimeZone(errors, prefix + "defaultTimeZone", settings.DefaultTimeZone ?? "");
        if (!Currencies.IsKnown(settings.Currency))
            errors[prefix + "currency"] = [$"'{settings.Currency}' is not an ISO 4217 currency code (for example USD)."];
        if (settings.ConcurrencyLimit is < 1 or > MaxConcurrencyLimit)
            errors[prefix + "concurrencyLimit"] = [$"The concurrency limit must be between 1 and {MaxConcurrencyLimit}."];
        // Not tied to concurrencyLimit: lowering that must not make a stored inbound limit invalid; the smaller one applies.
        if (settings.InboundConcurrencyLimit is < 0 or > MaxConcurrencyLimit)
            errors[prefix + "inboundConcurrencyLimit"] = [$"Inbound calls answered at once: from 0 (none) to {MaxConcurrencyLimit}; the concurrency limit applies too."];
        if (settings.InboundReservedCalls < 0 || settings.InboundReservedCalls > Math.Min(settings.ConcurrencyLimit, settings.InboundConcurrencyLimit))
            errors[prefix + "inboundReservedCalls"] = ["Slots kept for inbound calls: from 0 to the smaller of the concurrency limit and the inbound concurrency limit."];
        // In currency units (10.50 = ten dollars fifty), with no more precision than the currency has (none for JPY).
        var digits = Currencies.IsKnown(settings.Currency) ? Currencies.MinorDigits(settings.Currency) : 4;
        if (settings.LowBalanceThreshold is < 0 or > MaxLowBalanceThreshold || decimal.Round(settings.LowBalanceThreshold, digits) != settings.LowBalanceThreshold)
            errors[prefix + "lowBalanceThreshold"] =
                [$"The low-balance threshold is an amount in {settings.Currency} from 0 to {MaxLowBalanceThreshold:N0} with at most {digits} decimal places."];
        CampaignRules.ValidateCallingRules(settings.CallingRules, prefix + "callingRules", errors);
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every broken rule; for callers that bypass the API.</summary>
    public static void EnsureValid(string name, TenantSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateName(name, "name", errors);
        Validate(settings, "settings.", errors);
        Validation.ThrowIfAny(errors);
    }
}
