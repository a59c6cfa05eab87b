using VoicePlatform.Tenants;

namespace VoicePlatform.Pricing;

/// <summary>The operator's view of a tenant's overrides; <see cref="Revision"/> is the ETag (0: never set).</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantPricingView")]
public sealed record TenantPricingView
{
    [Id(0)] public required TenantId TenantId { get; init; }
    [Id(1)] public required int Revision { get; init; }
    /// <summary>
    /// The currency the custom rates are in: the tenant's when they were set. Should the tenant's currency change,
    /// they stop applying (the adjustment still does) until the operator sets rates in the new currency.
    /// </summary>
    [Id(2)] public required string Currency { get; init; }
    [Id(3)] public required PricingOverrides Overrides { get; init; }
    [Id(4)] public DateTimeOffset? UpdatedAt { get; init; }
    [Id(5)] public string? UpdatedBy { get; init; }
}
