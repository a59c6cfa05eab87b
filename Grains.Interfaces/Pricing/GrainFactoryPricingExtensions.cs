using VoicePlatform.Tenants;

namespace VoicePlatform.Pricing;

/// <summary>Typed ways to reach pricing grains, so no caller builds their keys by hand.</summary>
public static class GrainFactoryPricingExtensions
{
    /// <summary>The price book of an ISO 4217 currency (check it with <see cref="Common.Currencies.IsKnown"/> first).</summary>
    public static IPriceBookGrain GetPriceBook(this IGrainFactory grains, string currency) => grains.GetGrain<IPriceBookGrain>(currency);

    public static ITenantPricingGrain GetTenantPricing(this IGrainFactory grains, TenantId tenant) => grains.GetGrain<ITenantPricingGrain>(tenant.Value);
}
