using VoicePlatform.Calls;
using VoicePlatform.Pricing;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Cluster;
using VoicePlatform.Tests.Infrastructure;
using static VoicePlatform.Tests.Pricing.PricingTestData;

namespace VoicePlatform.Tests.Pricing;

/// <summary>Price-book versions and override revisions on real PostgreSQL across a full cluster restart.</summary>
public sealed class PricingSurvivesRestartTests
{
    [Fact]
    public async Task AQuoteTakenBeforeARestartIsPricedWithItsVersionsAfterIt()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("pricing");
        var tenant = TenantId.New();
        var usage = new CallUsage { BilledSeconds = 600, Items = [Stt(600_000), Llm(0, 0), Tts(0)] };

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "pricing-svc");
        PriceQuote quote;
        var grains = first.GrainFactory;
        await grains.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Durable", Settings = TenantSettings.Default with { Currency = "EUR" } });
        await grains.GetPriceBook("EUR").PublishAsync(new PublishPriceBook { Rates = Book, PublishedBy = "test", IdempotencyKey = "v1" });
        await grains.GetTenantPricing(tenant).SetOverridesAsync(new PricingOverrides { AdjustmentBasisPoints = 5_000 }, 0, "test");
        quote = (await grains.GetTenantPricing(tenant).QuoteAsync(Profile()))!;
        await grains.GetPriceBook("EUR").PublishAsync(new PublishPriceBook { Rates = Book with { PlatformPerMinuteMicros = 1 }, PublishedBy = "test" });
        await grains.GetTenantPricing(tenant).SetOverridesAsync(PricingOverrides.None with { AdjustmentBasisPoints = -1_000 }, 1, "test");
        await first.StopAsync();

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "pricing-svc");
        grains = second.GrainFactory;
        Assert.Equal(2, await grains.GetPriceBook("EUR").GetCurrentVersionAsync());
        Assert.Equal(Book.Llm, (await grains.GetPriceBook("EUR").GetVersionAsync(1))!.Rates.Llm);
        Assert.Equal(1, (await grains.GetPriceBook("EUR").PublishAsync(new PublishPriceBook { Rates = Book, PublishedBy = "test", IdempotencyKey = "v1" })).Value!.Version);
        var overrides = await grains.GetTenantPricing(tenant).GetOverridesAsync();
        Assert.Equal((2, -1_000), (overrides!.Revision, overrides.Overrides.AdjustmentBasisPoints));

        // 82¢ at version 1 plus the first revision's 50%.
        var cost = await grains.GetTenantPricing(tenant).PriceAsync(quote, usage);
        Assert.Equal((1, 1, 123L), (cost.PriceBookVersion, cost.OverridesRevision, cost.Total));
    }
}
