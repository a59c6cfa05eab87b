using Orleans.Concurrency;
using VoicePlatform.Agents;
using VoicePlatform.Common;

namespace VoicePlatform.Pricing;

/// <summary>
/// A tenant's prices: the operator's price book for the tenant's currency with the tenant's overrides (custom
/// rates, markup or discount). Keyed by tenant id. Quoting and pricing are pure reads of immutable versions.
/// </summary>
/// <remarks>
/// Reads are <see cref="ReadOnlyAttribute"/> so that a tenant's many concurrent calls quote and price in parallel;
/// only a change of the overrides runs alone.
/// </remarks>
[Alias("vp.ITenantPricingGrain")]
public interface ITenantPricingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The quote for a call dialled now, or null when the operator has published no price book for the tenant's currency
    /// (or the call cannot be priced at all: an unknown tenant, or a model of the profile with no rate and no wildcard;
    /// <see cref="TryQuoteAsync"/> says which).
    /// </summary>
    [ReadOnly]
    Task<PriceQuote?> QuoteAsync(AgentPricingProfile profile);

    /// <summary>Prices <paramref name="usage"/> with the versions in <paramref name="quote"/> (never the current ones).</summary>
    /// <remarks>
    /// Never fails for usage the book has no rate for: such a line is priced 0 and marked <see cref="CostComponent.Unpriced"/>,
    /// because the call already happened and must still settle. Throws only if the quote names versions that do not exist.
    /// </remarks>
    [ReadOnly]
    Task<CallCost> PriceAsync(PriceQuote quote, CallUsage usage);

    /// <summary>Like <see cref="QuoteAsync"/>, with the reason when there is no quote.</summary>
    [ReadOnly]
    Task<PricingResult<PriceQuote>> TryQuoteAsync(AgentPricingProfile profile);

    /// <summary>
    /// What a call of <paramref name="durationSeconds"/> connected seconds with this agent would cost now, every AI line
    /// estimated from the duration. UnknownAgent when the tenant has no such agent.
    /// </summary>
    [ReadOnly]
    Task<PricingResult<CallCost>> EstimateAsync(AgentId agent, long durationSeconds);

    /// <summary>The tenant's current rates: the current book with the current overrides applied.</summary>
    [ReadOnly]
    Task<PricingResult<EffectivePricing>> GetEffectiveAsync();

    /// <summary>The current overrides (revision 0 and none when never set), or null when the tenant does not exist.</summary>
    [ReadOnly]
    Task<TenantPricingView?> GetOverridesAsync();

    /// <summary>
    /// Makes <paramref name="overrides"/> the next revision (earlier revisions are kept for calls quoted with them).
    /// NotFound for an unknown tenant; PreconditionFailed when <paramref name="expectedRevision"/> is stale; the same
    /// overrides again change nothing.
    /// </summary>
    Task<WriteResult<TenantPricingView>> SetOverridesAsync(PricingOverrides overrides, int? expectedRevision, string updatedBy);
}
