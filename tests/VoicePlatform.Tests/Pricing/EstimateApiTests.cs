using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Branding;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Pricing;

/// <summary><c>POST /api/pricing/estimate</c> and version pinning, over real HTTP with the development price book.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class EstimateApiTests(ApiHostFixture host)
{
    private static async Task<string> AgentAsync(BrandingClient tenant)
    {
        var brand = BrandingClient.Id(await tenant.CreateBrandAsync());
        var persona = BrandingClient.Id(await tenant.CreatePersonaAsync(brand));
        return BrandingClient.Id(await tenant.CreateAgentAsync(persona));
    }

    private static Task<HttpResponseMessage> EstimateAsync(HttpClient client, object body) => client.PostAsJsonAsync("api/pricing/estimate", body);

    [Fact]
    public async Task TheDevelopmentBookEstimatesAnAgentsCallLineByLine()
    {
        var tenant = await host.NewTenantAsync();
        var agentId = await AgentAsync(tenant);

        var response = await EstimateAsync(tenant.Http, new { agentId, durationSeconds = 180 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cost = await response.ReadJsonAsync();
        Assert.Equal(("USD", 1, 0), (cost.GetProperty("currency").GetString(), cost.GetProperty("priceBookVersion").GetInt32(), cost.GetProperty("overridesRevision").GetInt32()));
        var lines = cost.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["telephony", "platform", "stt", "llm-input", "llm-output", "tts"], lines.Select(l => l.GetProperty("kind").GetString()));
        // 3 min at $0.014 + $0.05; 3 audio min at $0.0077; 36,000 + 1,200 tokens of gpt-4o-mini; 1,800 characters of sonic-2.
        Assert.Equal([4L, 15L, 2L, 1L, 0L, 7L], lines.Select(l => l.GetProperty("amount").GetInt64()));
        Assert.All(lines.Skip(2), l => Assert.True(l.GetProperty("estimated").GetBoolean()));
        Assert.All(lines.Take(2), l => Assert.False(l.GetProperty("estimated").GetBoolean()));
        Assert.Equal(("deepgram", "nova-3", 180_000L, "audio-millisecond"), (lines[2].GetProperty("provider").GetString(), lines[2].GetProperty("model").GetString(),
            lines[2].GetProperty("quantity").GetInt64(), lines[2].GetProperty("unit").GetString()));
        Assert.Equal(29, cost.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task AnUnknownOrForeignAgentAndABadDurationAreNamed()
    {
        var owner = await host.NewTenantAsync();
        var agentId = await AgentAsync(owner);
        var intruder = await host.NewTenantAsync();

        await (await EstimateAsync(intruder.Http, new { agentId, durationSeconds = 60 })).AssertFieldErrorAsync("agentId");
        await (await EstimateAsync(owner.Http, new { agentId = PrefixedId.New<AgentId>().Value, durationSeconds = 60 })).AssertFieldErrorAsync("agentId");
        await (await EstimateAsync(owner.Http, new { agentId = "brd_wrongkind", durationSeconds = 60 })).AssertFieldErrorAsync("agentId");
        await (await EstimateAsync(owner.Http, new { durationSeconds = 60 })).AssertFieldErrorAsync("agentId");
        await (await EstimateAsync(owner.Http, new { agentId, durationSeconds = 0 })).AssertFieldErrorAsync("durationSeconds");
        await (await EstimateAsync(owner.Http, new { agentId, durationSeconds = AgentSettings.MaxCallSeconds + 1 })).AssertFieldErrorAsync("durationSeconds");
        await (await EstimateAsync(owner.Http, new { agentId })).AssertFieldErrorAsync("durationSeconds");
        await (await EstimateAsync(owner.Http, new { agentId, durationSeconds = "long" })).AssertFieldErrorAsync("durationSeconds");
    }

    [Fact]
    public async Task ATenantWhoseCurrencyHasNoBookIsToldSo()
    {
        var tenant = await host.CreateTenantBillingInAsync("ISK");
        var client = new BrandingClient(host.WithKey(tenant.AdminKey));
        var agentId = await AgentAsync(client);
        var estimate = await (await EstimateAsync(client.Http, new { agentId, durationSeconds = 60 })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ISK", estimate.GetProperty("detail").GetString());
        await (await client.Http.GetAsync("api/pricing")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnAgentOnAModelTheBookDoesNotPriceCannotBeEstimated()
    {
        using var op = host.AsOperator();
        (await op.PublishAsync("NOK", PricingHttp.Book())).EnsureSuccessStatusCode();
        var tenant = await host.CreateTenantBillingInAsync("NOK");
        var client = new BrandingClient(host.WithKey(tenant.AdminKey));
        var agentId = await AgentAsync(client);
        (await client.Http.PutAsJsonAsync($"api/agents/{agentId}", new { name = "Front desk", llm = new { provider = "mistral", model = "large" } })).EnsureSuccessStatusCode();

        var problem = await (await EstimateAsync(client.Http, new { agentId, durationSeconds = 60 })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("llm mistral/large", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EstimatesFollowTheCurrentVersionAndTheTenantsDeal()
    {
        using var op = host.AsOperator();
        (await op.PublishAsync("HKD", PricingHttp.Book(60_000))).EnsureSuccessStatusCode();
        var tenant = await host.CreateTenantBillingInAsync("HKD");
        var client = new BrandingClient(host.WithKey(tenant.AdminKey));
        var agentId = await AgentAsync(client);

        async Task<JsonElement> Estimate() => await (await EstimateAsync(client.Http, new { agentId, durationSeconds = 60 })).ReadJsonAsync();
        var first = await Estimate();
        (await op.PublishAsync("HKD", PricingHttp.Book(160_000))).EnsureSuccessStatusCode();
        var second = await Estimate();
        Assert.Equal(2, second.GetProperty("priceBookVersion").GetInt32());
        Assert.Equal(first.GetProperty("total").GetInt64() + 10, second.GetProperty("total").GetInt64());

        (await op.PutOverridesAsync(tenant.Id, new { adjustmentBasisPoints = -10_000 })).EnsureSuccessStatusCode();
        var free = await Estimate();
        Assert.Equal((1, 0L), (free.GetProperty("overridesRevision").GetInt32(), free.GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task AQuoteTakenBeforeANewVersionAndDealIsPricedWithWhatWasInForce()
    {
        using var op = host.AsOperator();
        (await op.PublishAsync("ILS", PricingHttp.Book(60_000))).EnsureSuccessStatusCode();
        var tenant = await host.CreateTenantBillingInAsync("ILS");
        // The call grain's side of the contract: quote when dialling, price at the end.
        var pricing = host.App.Services.GetRequiredService<IGrainFactory>().GetTenantPricing(TenantId.Parse(tenant.Id));
        var profile = AgentPricingProfile.Of(new AgentSettings { Name = "defaults" });
        var quote = await pricing.QuoteAsync(profile);
        Assert.Equal((1, 0), (quote!.PriceBookVersion, quote.OverridesRevision));

        (await op.PublishAsync("ILS", PricingHttp.Book(600_000))).EnsureSuccessStatusCode();
        (await op.PutOverridesAsync(tenant.Id, new { adjustmentBasisPoints = 5_000 })).EnsureSuccessStatusCode();

        var usage = new CallUsage { BilledSeconds = 60, Items = [PricingTestData.Stt(60_000), PricingTestData.Llm(0, 0), PricingTestData.Tts(0)] };
        var cost = await pricing.PriceAsync(quote, usage);
        Assert.Equal(("ILS", 1, 0), (cost.Currency, cost.PriceBookVersion, cost.OverridesRevision));
        Assert.Equal(1 + 6 + 1, cost.Total);   // 1.2¢ + 6¢ + 1¢ at version 1 without the markup
        var now = await pricing.PriceAsync((await pricing.QuoteAsync(profile))!, usage);
        Assert.Equal((2, 1), (now.PriceBookVersion, now.OverridesRevision));
        Assert.Equal(2 + 90 + 2, now.Total);   // 1.8¢ + 90¢ + 1.5¢ at version 2 with +50%
    }
}
