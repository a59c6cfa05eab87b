namespace VoicePlatform.Pricing;

/// <summary>
/// A tenant's prices: the operator's price book for the tenant's currency with the tenant's overrides (custom
/// rates, markup or discount). Keyed by tenant id. Quoting and pricing are pure reads of immutable versions.
/// </summary>
[Alias("vp.ITenantPricingGrain")]
public interface ITenantPricingGrain : IGrainWithStringKey
{
    /// <summary>The quote for a call dialled now, or null when the operator has published no price book for the tenant's currency.</summary>
    Task<PriceQuote?> QuoteAsync(AgentPricingProfile profile);

    /// <summary>Prices <paramref name="usage"/> with the versions in <paramref name="quote"/> (never the current ones).</summary>
    Task<CallCost> PriceAsync(PriceQuote quote, CallUsage usage);
}
