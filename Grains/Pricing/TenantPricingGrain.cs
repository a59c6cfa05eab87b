using Microsoft.Extensions.Logging;
using VoicePlatform.Agents;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Pricing;

[GrainType("tenant-pricing")]
public sealed class TenantPricingGrain(
    [PersistentState("tenant-pricing", StorageNames.Platform)] IPersistentState<TenantPricingState> state,
    TimeProvider time,
    ILogger<TenantPricingGrain> logger) : Grain, ITenantPricingGrain
{
    // Book versions and override revisions never change once made, so what was read or computed for them stays
    // right for the activation's whole life: pricing a call asks the book grain at most once per version.
    private readonly Dictionary<(string Currency, int Version), PriceBook> _books = [];
    private readonly Dictionary<(string Currency, int Version, int Revision), CallPricer> _pricers = [];

    private TenantId Tenant => TenantId.Parse(this.GetPrimaryKeyString());

    private int CurrentRevision => state.State.Revisions.Count;

    public async Task<PriceQuote?> QuoteAsync(AgentPricingProfile profile) => (await TryQuoteAsync(profile)).Value;

    public async Task<PricingResult<PriceQuote>> TryQuoteAsync(AgentPricingProfile profile)
    {
        var current = await CurrentPricerAsync();
        if (current.Problem is { } problem) return PricingResult<PriceQuote>.Failed(problem, current.Detail!);
        var (book, pricer) = current.Value!;

        var unpriced = pricer.Unpriced(profile);
        if (unpriced.Count > 0)
        {
            return PricingResult<PriceQuote>.Failed(PricingProblem.UnpricedModel,
                $"The {book.Currency} price book (version {book.Version}) has no rate for {string.Join(", ", unpriced)}, nor a * rate that covers it.");
        }
        return PricingResult<PriceQuote>.Ok(new PriceQuote
        {
            Currency = book.Currency,
            PriceBookVersion = book.Version,
            OverridesRevision = CurrentRevision,
            EstimatedPerMinute = pricer.EstimatePerMinute(profile),
            Profile = profile,
        });
    }

    public async Task<CallCost> PriceAsync(PriceQuote quote, CallUsage usage)
    {
        var book = await BookAsync(quote.Currency, quote.PriceBookVersion)
            ?? throw new InvalidOperationException($"Price book {quote.Currency} has no version {quote.PriceBookVersion}.");
        var cost = Pricer(book, quote.OverridesRevision).Price(quote, usage);
        foreach (var line in cost.Components.Where(c => c.Unpriced))
        {
            logger.LogWarning("Tenant {TenantId} used {Kind} {Provider}/{Model}, which price book {Currency} version {Version} has no rate for: priced 0",
                Tenant, line.Kind, line.Provider, line.Model, quote.Currency, quote.PriceBookVersion);
        }
        return cost;
    }

    public async Task<PricingResult<CallCost>> EstimateAsync(AgentId agent, long durationSeconds)
    {
        if (durationSeconds is < 0 or > AgentSettings.MaxCallSeconds)
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), durationSeconds, $"durationSeconds: 0 to {AgentSettings.MaxCallSeconds}.");
        var view = await GrainFactory.GetAgent(Tenant, agent).GetAsync();
        if (view is null) return PricingResult<CallCost>.Failed(PricingProblem.UnknownAgent, "There is no such agent in this tenant.");

        var quote = await TryQuoteAsync(AgentPricingProfile.Of(view.Settings));
        if (quote.Problem is { } problem) return PricingResult<CallCost>.Failed(problem, quote.Detail!);
        // No usage reported: every AI line is estimated from the duration, exactly as a call that reported nothing.
        return PricingResult<CallCost>.Ok(await PriceAsync(quote.Value!, new CallUsage { BilledSeconds = durationSeconds }));
    }

    public async Task<PricingResult<EffectivePricing>> GetEffectiveAsync()
    {
        var current = await CurrentPricerAsync();
        if (current.Problem is { } problem) return PricingResult<EffectivePricing>.Failed(problem, current.Detail!);
        var (book, pricer) = current.Value!;
        return PricingResult<EffectivePricing>.Ok(new EffectivePricing
        {
            Currency = book.Currency,
            PriceBookVersion = book.Version,
            OverridesRevision = CurrentRevision,
            Rates = pricer.Rates,
        });
    }

    public async Task<TenantPricingView?> GetOverridesAsync()
    {
        var tenant = await GrainFactory.GetTenant(Tenant).GetAsync();
        return tenant is null ? null : View(tenant.Settings.Currency);
    }

    public async Task<WriteResult<TenantPricingView>> SetOverridesAsync(PricingOverrides overrides, int? expectedRevision, string updatedBy)
    {
        PricingRules.EnsureValid(overrides);
        var tenant = await GrainFactory.GetTenant(Tenant).GetAsync();
        if (tenant is null) return WriteResult<TenantPricingView>.NotFound();
        if (expectedRevision is { } expected && expected != CurrentRevision) return WriteResult<TenantPricingView>.Stale();

        var currency = tenant.Settings.Currency;
        var latest = state.State.Revisions.LastOrDefault();
        var unchanged = latest is null ? overrides.SameAs(PricingOverrides.None) : latest.Currency == currency && latest.Overrides.SameAs(overrides);
        if (unchanged) return WriteResult<TenantPricingView>.Ok(View(currency));

        var entry = new OverridesRevisionEntry
        {
            Revision = CurrentRevision + 1,
            Currency = currency,
            Overrides = overrides,
            UpdatedAt = time.GetUtcNow(),
            UpdatedBy = updatedBy,
        };
        var previous = state.State;
        state.State = previous with { Revisions = [.. previous.Revisions, entry] };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // No new revision exists unless it is stored: quotes must never name one the store could lose.
            state.State = previous;
            throw;
        }
        logger.LogInformation("Pricing overrides of tenant {TenantId} set to revision {Revision} by {UpdatedBy}", Tenant, entry.Revision, updatedBy);
        return WriteResult<TenantPricingView>.Ok(View(currency));
    }

    /// <summary>The current book of the tenant's currency and the pricer for it with the current overrides.</summary>
    private async Task<PricingResult<CurrentPrices>> CurrentPricerAsync()
    {
        var tenant = await GrainFactory.GetTenant(Tenant).GetAsync();
        if (tenant is null) return Failed(PricingProblem.UnknownTenant, "There is no such tenant.");
        var currency = tenant.Settings.Currency;
        var version = await GrainFactory.GetPriceBook(currency).GetCurrentVersionAsync();
        if (version == 0 || await BookAsync(currency, version) is not { } book)
            return Failed(PricingProblem.NoPriceBook, $"The operator has published no price book for {currency}, the tenant's currency.");
        return PricingResult<CurrentPrices>.Ok(new CurrentPrices(book, Pricer(book, CurrentRevision)));

        static PricingResult<CurrentPrices> Failed(PricingProblem problem, string detail) => PricingResult<CurrentPrices>.Failed(problem, detail);
    }

    private async Task<PriceBook?> BookAsync(string currency, int version)
    {
        if (_books.TryGetValue((currency, version), out var cached)) return cached;
        var book = await GrainFactory.GetPriceBook(currency).GetVersionAsync(version);
        if (book is not null) _books[(currency, version)] = book;
        return book;
    }

    private CallPricer Pricer(PriceBook book, int revision)
    {
        if (_pricers.TryGetValue((book.Currency, book.Version, revision), out var cached)) return cached;
        if (revision < 0 || revision > CurrentRevision)
            throw new InvalidOperationException($"Tenant {Tenant} has no pricing overrides revision {revision}.");
        var entry = revision == 0 ? null : state.State.Revisions[revision - 1];
        // Custom rates are amounts in the currency they were set in; under another currency only the adjustment holds.
        var rates = EffectiveRates.Of(book.Rates, entry?.Overrides ?? PricingOverrides.None, customRatesApply: entry is null || entry.Currency == book.Currency);
        var pricer = new CallPricer(rates, Currencies.MinorDigits(book.Currency), UsageAssumptions.Default);
        _pricers[(book.Currency, book.Version, revision)] = pricer;
        return pricer;
    }

    private sealed record CurrentPrices(PriceBook Book, CallPricer Pricer);

    private TenantPricingView View(string tenantCurrency)
    {
        var latest = state.State.Revisions.LastOrDefault();
        return new TenantPricingView
        {
            TenantId = Tenant,
            Revision = CurrentRevision,
            Currency = latest?.Currency ?? tenantCurrency,
            Overrides = latest?.Overrides ?? PricingOverrides.None,
            UpdatedAt = latest?.UpdatedAt,
            UpdatedBy = latest?.UpdatedBy,
        };
    }
}
