using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using static VoicePlatform.Tests.Pricing.PricingTestData;

namespace VoicePlatform.Tests.Pricing;

/// <summary>
/// Price books and tenant pricing on the in-memory cluster. Books are shared by every tenant of a currency, so each
/// test publishes in a currency of its own.
/// </summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class PricingGrainTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static PublishPriceBook Publish(PriceBookRates rates, string? key = null, int? expected = null) =>
        new() { Rates = rates, PublishedBy = "test", IdempotencyKey = key, ExpectedVersion = expected };

    private async Task<TenantId> TenantAsync(string currency)
    {
        var id = TenantId.New();
        await Grains.GetTenant(id).CreateAsync(new CreateTenant { Name = "Pricing " + currency, Settings = TenantSettings.Default with { Currency = currency } });
        return id;
    }

    [Fact]
    public async Task PublishingAddsVersionsAndKeepsEveryOneUnchanged()
    {
        var book = Grains.GetPriceBook("CHF");
        Assert.Null(await book.GetCurrentAsync());
        Assert.Equal(0, await book.GetCurrentVersionAsync());

        var first = await book.PublishAsync(Publish(Book));
        var second = await book.PublishAsync(Publish(Book with { PlatformPerMinuteMicros = 1 }));
        Assert.Equal((WriteOutcome.Created, 1), (first.Outcome, first.Value!.Version));
        Assert.Equal((WriteOutcome.Created, 2), (second.Outcome, second.Value!.Version));
        Assert.Equal("CHF", second.Value.Currency);

        Assert.Equal(2, (await book.GetCurrentAsync())!.Version);
        Assert.Equal(60_000, (await book.GetVersionAsync(1))!.Rates.PlatformPerMinuteMicros);
        Assert.Equal(1, (await book.GetVersionAsync(2))!.Rates.PlatformPerMinuteMicros);
        Assert.Null(await book.GetVersionAsync(3));
        Assert.Null(await book.GetVersionAsync(0));
    }

    [Fact]
    public async Task ARepeatedPublishAnswersTheVersionItMadeAndAStaleOneIsRefused()
    {
        var book = Grains.GetPriceBook("SEK");
        var first = await book.PublishAsync(Publish(Book, key: "k1", expected: 0));
        var retry = await book.PublishAsync(Publish(Book, key: "k1", expected: 0));
        Assert.Equal(WriteOutcome.Ok, retry.Outcome);
        Assert.Equal(first.Value!.Version, retry.Value!.Version);

        var reused = await book.PublishAsync(Publish(Book with { PlatformPerMinuteMicros = 5 }, key: "k1"));
        Assert.Equal(WriteOutcome.Conflict, reused.Outcome);
        var stale = await book.PublishAsync(Publish(Book, key: "k2", expected: 0));
        Assert.Equal(WriteOutcome.PreconditionFailed, stale.Outcome);
        Assert.Equal(1, await book.GetCurrentVersionAsync());

        Assert.Equal(WriteOutcome.Created, (await book.PublishAsync(Publish(Book, key: "k2", expected: 1))).Outcome);
        // The first key still answers its own version after later ones.
        Assert.Equal(1, (await book.PublishAsync(Publish(Book, key: "k1"))).Value!.Version);
    }

    [Fact]
    public async Task TheDevelopmentBookIsPublishedOnceHoweverOftenTheSeederRuns()
    {
        var book = Grains.GetPriceBook(DefaultPriceBook.Currency);
        Assert.Equal(WriteOutcome.Created, (await book.PublishAsync(DefaultPriceBook.Publish)).Outcome);
        Assert.Equal(WriteOutcome.Ok, (await book.PublishAsync(DefaultPriceBook.Publish)).Outcome);
        Assert.Equal(1, await book.GetCurrentVersionAsync());
        Assert.Equal("development-mode", (await book.GetCurrentAsync())!.PublishedBy);

        // Nor does it ever replace a book the operator published.
        var operatorBook = Grains.GetPriceBook("CAD");
        await operatorBook.PublishAsync(Publish(Book));
        Assert.Equal(WriteOutcome.PreconditionFailed, (await operatorBook.PublishAsync(DefaultPriceBook.Publish)).Outcome);
        Assert.Equal(1, await operatorBook.GetCurrentVersionAsync());
    }

    [Fact]
    public async Task InvalidBooksAndUnknownCurrenciesAreRefusedEvenWithoutTheApi()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Grains.GetPriceBook("NOK").PublishAsync(Publish(Book with { PlatformPerMinuteMicros = -1 })));
        await Assert.ThrowsAsync<ArgumentException>(() => Grains.GetPriceBook("XXQ").PublishAsync(Publish(Book)));
        Assert.Equal(0, await Grains.GetPriceBook("NOK").GetCurrentVersionAsync());
    }

    [Fact]
    public async Task AQuoteTakenBeforeANewVersionIsPricedWithTheVersionItWasTaken()
    {
        var tenant = await TenantAsync("DKK");
        var pricing = Grains.GetTenantPricing(tenant);
        await Grains.GetPriceBook("DKK").PublishAsync(Publish(Book));
        var before = await pricing.QuoteAsync(Profile());
        Assert.NotNull(before);
        Assert.Equal(("DKK", 1, 0, 12L), (before.Currency, before.PriceBookVersion, before.OverridesRevision, before.EstimatedPerMinute));

        await Grains.GetPriceBook("DKK").PublishAsync(Publish(Book with { PlatformPerMinuteMicros = 600_000 }));
        var after = await pricing.QuoteAsync(Profile());
        Assert.Equal(2, after!.PriceBookVersion);

        var usage = new CallUsage { BilledSeconds = 60, Items = [Stt(60_000), Llm(1_000, 100), Tts(100)] };
        var old = await pricing.PriceAsync(before, usage);
        var current = await pricing.PriceAsync(after, usage);
        Assert.Equal(1, old.PriceBookVersion);
        Assert.Equal(6, old.Components.Single(c => c.Kind == CostComponentKind.Platform).Amount);
        Assert.Equal(60, current.Components.Single(c => c.Kind == CostComponentKind.Platform).Amount);
    }

    [Fact]
    public async Task OverridesAreRevisionedAndAQuoteKeepsTheRevisionItWasTakenWith()
    {
        var tenant = await TenantAsync("PLN");
        var pricing = Grains.GetTenantPricing(tenant);
        await Grains.GetPriceBook("PLN").PublishAsync(Publish(Book));
        var plain = await pricing.QuoteAsync(Profile());

        var first = await pricing.SetOverridesAsync(new PricingOverrides { AdjustmentBasisPoints = 5_000 }, expectedRevision: 0, "test");
        Assert.Equal((WriteOutcome.Ok, 1, "PLN"), (first.Outcome, first.Value!.Revision, first.Value.Currency));
        var marked = await pricing.QuoteAsync(Profile());
        var second = await pricing.SetOverridesAsync(new PricingOverrides { AdjustmentBasisPoints = -5_000, PlatformPerMinuteMicros = 0 }, expectedRevision: 1, "test");
        Assert.Equal(2, second.Value!.Revision);
        var discounted = await pricing.QuoteAsync(Profile());
        Assert.Equal([0, 1, 2], new[] { plain!.OverridesRevision, marked!.OverridesRevision, discounted!.OverridesRevision });

        var usage = new CallUsage { BilledSeconds = 600, Items = [Stt(600_000), Llm(0, 0), Tts(0)] };
        // 10 min: telephony 12¢, platform 60¢, STT 10¢ = 82¢; +50% = 123¢; then -50% with a free platform = 11¢ (6¢ + 5¢).
        Assert.Equal(82, (await pricing.PriceAsync(plain, usage)).Total);
        Assert.Equal(123, (await pricing.PriceAsync(marked, usage)).Total);
        Assert.Equal(11, (await pricing.PriceAsync(discounted, usage)).Total);
        Assert.Equal(2, (await pricing.GetOverridesAsync())!.Revision);
    }

    [Fact]
    public async Task TheSameOverridesAgainMakeNoRevisionAndAStaleRevisionIsRefused()
    {
        var tenant = await TenantAsync("CZK");
        var pricing = Grains.GetTenantPricing(tenant);
        Assert.Equal(WriteOutcome.Ok, (await pricing.SetOverridesAsync(PricingOverrides.None, null, "test")).Outcome);
        Assert.Equal(0, (await pricing.GetOverridesAsync())!.Revision);

        var deal = new PricingOverrides { AdjustmentBasisPoints = 100, Stt = [new SttRate { Provider = "deepgram", Model = "*", PerAudioMinuteMicros = 1 }] };
        await pricing.SetOverridesAsync(deal, null, "test");
        var again = await pricing.SetOverridesAsync(deal with { Stt = [new SttRate { Provider = "deepgram", Model = "*", PerAudioMinuteMicros = 1 }] }, null, "test");
        Assert.Equal(1, again.Value!.Revision);
        Assert.Equal(WriteOutcome.PreconditionFailed, (await pricing.SetOverridesAsync(PricingOverrides.None, 0, "test")).Outcome);
        await Assert.ThrowsAsync<ArgumentException>(() => pricing.SetOverridesAsync(new PricingOverrides { AdjustmentBasisPoints = -20_000 }, null, "test"));
        Assert.Equal(deal.Stt, (await pricing.GetOverridesAsync())!.Overrides.Stt);
    }

    [Fact]
    public async Task AnUnknownTenantHasNoPricingAndNoOverrides()
    {
        var pricing = Grains.GetTenantPricing(TenantId.New());
        Assert.Null(await pricing.GetOverridesAsync());
        Assert.Equal(WriteOutcome.NotFound, (await pricing.SetOverridesAsync(PricingOverrides.None, null, "test")).Outcome);
        Assert.Equal(PricingProblem.UnknownTenant, (await pricing.TryQuoteAsync(Profile())).Problem);
        Assert.Null(await pricing.QuoteAsync(Profile()));
    }

    [Fact]
    public async Task WithoutABookOrWithAnUnpricedModelThereIsNoQuote()
    {
        var tenant = await TenantAsync("HUF");
        var pricing = Grains.GetTenantPricing(tenant);
        var none = await pricing.TryQuoteAsync(Profile());
        Assert.Equal(PricingProblem.NoPriceBook, none.Problem);
        Assert.Contains("HUF", none.Detail);
        Assert.Null(await pricing.QuoteAsync(Profile()));
        Assert.Equal(PricingProblem.NoPriceBook, (await pricing.GetEffectiveAsync()).Problem);

        await Grains.GetPriceBook("HUF").PublishAsync(Publish(Book));
        var unpriced = await pricing.TryQuoteAsync(Profile() with { LlmProvider = "mistral", LlmModel = "large" });
        Assert.Equal(PricingProblem.UnpricedModel, unpriced.Problem);
        Assert.Contains("llm mistral/large", unpriced.Detail);
        Assert.Null(await pricing.QuoteAsync(Profile() with { LlmProvider = "mistral", LlmModel = "large" }));

        // A tenant's custom wildcard makes the model priceable for that tenant only.
        await pricing.SetOverridesAsync(new PricingOverrides { Llm = [new LlmRate { Provider = "mistral", Model = "*", PerMillionInputTokensMicros = 1, PerMillionOutputTokensMicros = 1 }] }, null, "test");
        Assert.NotNull(await pricing.QuoteAsync(Profile() with { LlmProvider = "mistral", LlmModel = "large" }));
        Assert.Null(await Grains.GetTenantPricing(await TenantAsync("HUF")).QuoteAsync(Profile() with { LlmProvider = "mistral", LlmModel = "large" }));
    }

    [Fact]
    public async Task TheEffectiveRatesAreTheCurrentBookWithTheTenantsDeal()
    {
        var tenant = await TenantAsync("MXN");
        var pricing = Grains.GetTenantPricing(tenant);
        await Grains.GetPriceBook("MXN").PublishAsync(Publish(Book));
        await pricing.SetOverridesAsync(new PricingOverrides { AdjustmentBasisPoints = 1_000, TelephonyOutboundPerMinuteMicros = 20_000 }, null, "test");

        var effective = (await pricing.GetEffectiveAsync()).Value!;
        Assert.Equal(("MXN", 1, 1), (effective.Currency, effective.PriceBookVersion, effective.OverridesRevision));
        Assert.Equal(22_000, effective.Rates.TelephonyOutboundPerMinuteMicros);
        Assert.Equal(66_000, effective.Rates.PlatformPerMinuteMicros);
    }

    [Fact]
    public async Task WhenTheTenantChangesCurrencyOnlyTheAdjustmentFollows()
    {
        var tenant = await TenantAsync("BRL");
        var pricing = Grains.GetTenantPricing(tenant);
        await Grains.GetPriceBook("BRL").PublishAsync(Publish(Book));
        await Grains.GetPriceBook("ZAR").PublishAsync(Publish(Book));
        await pricing.SetOverridesAsync(new PricingOverrides { AdjustmentBasisPoints = -5_000, PlatformPerMinuteMicros = 0 }, null, "test");
        Assert.Equal(0, (await pricing.GetEffectiveAsync()).Value!.Rates.PlatformPerMinuteMicros);

        await Grains.GetTenant(tenant).UpdateAsync(new UpdateTenant { Settings = new TenantSettingsPatch { Currency = "ZAR" } });
        var effective = (await pricing.GetEffectiveAsync()).Value!;
        Assert.Equal("ZAR", effective.Currency);
        Assert.Equal(30_000, effective.Rates.PlatformPerMinuteMicros);
    }

    [Fact]
    public async Task EstimatingAnUnknownAgentNamesIt()
    {
        var tenant = await TenantAsync("INR");
        await Grains.GetPriceBook("INR").PublishAsync(Publish(Book));
        var result = await Grains.GetTenantPricing(tenant).EstimateAsync(PrefixedId.New<AgentId>(), 60);
        Assert.Equal(PricingProblem.UnknownAgent, result.Problem);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Grains.GetTenantPricing(tenant).EstimateAsync(PrefixedId.New<AgentId>(), -1));
    }

    [Fact]
    public async Task PricingAQuoteWithAVersionThatDoesNotExistIsABug()
    {
        var tenant = await TenantAsync("NZD");
        var pricing = Grains.GetTenantPricing(tenant);
        await Grains.GetPriceBook("NZD").PublishAsync(Publish(Book));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pricing.PriceAsync(Quote(currency: "NZD", version: 9), new CallUsage { BilledSeconds = 1 }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pricing.PriceAsync(Quote(currency: "NZD", version: 1, revision: 4), new CallUsage { BilledSeconds = 1 }));
    }

    [Fact]
    public async Task ManyConcurrentQuotesAndPricesOfOneTenantAllAgree()
    {
        var tenant = await TenantAsync("SGD");
        var pricing = Grains.GetTenantPricing(tenant);
        await Grains.GetPriceBook("SGD").PublishAsync(Publish(Book));
        var usage = new CallUsage { BilledSeconds = 120, Items = [Stt(90_000), Llm(50_000, 2_500), Tts(1_000)] };
        var costs = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ => await pricing.PriceAsync((await pricing.QuoteAsync(Profile()))!, usage)));
        Assert.All(costs, c => Assert.Equal(25, c.Total));
    }
}
