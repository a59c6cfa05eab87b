namespace VoicePlatform.Grains.Pricing;

/// <summary>
/// Every revision of a tenant's overrides, oldest first (revision N at index N − 1): a call quoted with revision N is
/// priced with it at the end, however often the operator changed the deal meanwhile.
/// </summary>
[GenerateSerializer, Alias("vp.TenantPricingState")]
public sealed record TenantPricingState
{
    [Id(0)] public IReadOnlyList<OverridesRevisionEntry> Revisions { get; init; } = [];
}
