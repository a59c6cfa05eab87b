using System.Net;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Pricing;

/// <summary>The operator's per-tenant overrides and the tenant's own view of its rates, over real HTTP.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class TenantPricingApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task OverridesAreRevisionedBehindETagsAndTheTenantSeesItsEffectiveRates()
    {
        using var op = host.AsOperator();
        (await op.PublishAsync("AUD", PricingHttp.Book())).EnsureSuccessStatusCode();
        var tenant = await host.CreateTenantBillingInAsync("AUD");

        var initial = await op.GetAsync($"api/operator/tenants/{tenant.Id}/pricing");
        Assert.Equal("\"0\"", initial.Headers.ETag?.Tag);
        var view = await initial.ReadJsonAsync();
        Assert.Equal((0, "AUD", 0), (view.GetProperty("revision").GetInt32(), view.GetProperty("currency").GetString(),
            view.GetProperty("overrides").GetProperty("adjustmentBasisPoints").GetInt32()));

        var deal = new
        {
            adjustmentBasisPoints = 1_500,
            platformPerMinuteMicros = 40_000,
            llm = new[] { new { provider = "openai", model = "gpt-4o-mini", perMillionInputTokensMicros = 500_000, perMillionOutputTokensMicros = 2_000_000 } },
        };
        var put = await op.PutOverridesAsync(tenant.Id, deal, ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("\"1\"", put.Headers.ETag?.Tag);
        Assert.Equal("operator", (await put.ReadJsonAsync()).GetProperty("updatedBy").GetString());

        using var tenantClient = host.WithKey(tenant.AdminKey);
        var effective = await (await tenantClient.GetAsync("api/pricing")).ReadJsonAsync();
        Assert.Equal(("AUD", 1, 1), (effective.GetProperty("currency").GetString(), effective.GetProperty("priceBookVersion").GetInt32(), effective.GetProperty("overridesRevision").GetInt32()));
        var rates = effective.GetProperty("rates");
        Assert.Equal(13_800, rates.GetProperty("telephonyOutboundPerMinuteMicros").GetInt64());   // the book's 12,000 + 15%
        Assert.Equal(46_000, rates.GetProperty("platformPerMinuteMicros").GetInt64());            // the custom 40,000 + 15%
        Assert.Equal(575_000, rates.GetProperty("llm")[0].GetProperty("perMillionInputTokensMicros").GetInt64());
        Assert.Equal(11_500, rates.GetProperty("stt")[0].GetProperty("perAudioMinuteMicros").GetInt64());

        // A second writer holding the old ETag is refused and changes nothing.
        await (await op.PutOverridesAsync(tenant.Id, new { adjustmentBasisPoints = -9_000 }, ifMatch: "\"0\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var after = await op.GetAsync($"api/operator/tenants/{tenant.Id}/pricing");
        Assert.Equal("\"1\"", after.Headers.ETag?.Tag);
        Assert.Equal(1_500, (await after.ReadJsonAsync()).GetProperty("overrides").GetProperty("adjustmentBasisPoints").GetInt32());

        // The same deal again is not a new revision.
        Assert.Equal("\"1\"", (await op.PutOverridesAsync(tenant.Id, deal)).Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("""{"adjustmentBasisPoints":-10001}""", "adjustmentBasisPoints")]
    [InlineData("""{"adjustmentBasisPoints":100001}""", "adjustmentBasisPoints")]
    [InlineData("""{"telephonyInboundPerMinuteMicros":-1}""", "telephonyInboundPerMinuteMicros")]
    [InlineData("""{"stt":[{"provider":"deepgram","model":"nova-3"}]}""", "stt[0].perAudioMinuteMicros")]
    [InlineData("""{"tts":[{"provider":"cartesia","model":"son*","perMillionCharactersMicros":1}]}""", "tts[0].model")]
    [InlineData("""{"markup":5}""", "markup")]
    public async Task BadOverridesNameTheFieldAndChangeNothing(string json, string field)
    {
        using var op = host.AsOperator();
        var tenant = await host.CreateTenantAsync();
        (await op.PutOverridesAsync(tenant.Id, new { adjustmentBasisPoints = 700 })).EnsureSuccessStatusCode();

        var response = await op.PutAsync($"api/operator/tenants/{tenant.Id}/pricing", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);

        var current = await (await op.GetAsync($"api/operator/tenants/{tenant.Id}/pricing")).ReadJsonAsync();
        Assert.Equal((1, 700), (current.GetProperty("revision").GetInt32(), current.GetProperty("overrides").GetProperty("adjustmentBasisPoints").GetInt32()));
    }

    [Fact]
    public async Task AnUnknownTenantHasNoPricingToReadOrWrite()
    {
        using var op = host.AsOperator();
        await (await op.GetAsync("api/operator/tenants/tnt_nosuchtenant00000000/pricing")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await op.PutOverridesAsync("tnt_nosuchtenant00000000", new { adjustmentBasisPoints = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await op.GetAsync("api/operator/tenants/not-a-tenant/pricing")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TenantsNeverSeeOrChangeAnotherTenantsDeal()
    {
        using var op = host.AsOperator();
        (await op.PublishAsync("JPY", new
        {
            telephonyOutboundPerMinuteMicros = 2_000_000,   // ¥2 a minute
            telephonyInboundPerMinuteMicros = 1_000_000,
            platformPerMinuteMicros = 8_000_000,
            stt = new[] { new { provider = "*", model = "*", perAudioMinuteMicros = 1_500_000 } },
            llm = new[] { new { provider = "*", model = "*", perMillionInputTokensMicros = 20_000_000, perMillionOutputTokensMicros = 80_000_000 } },
            tts = new[] { new { provider = "*", model = "*", perMillionCharactersMicros = 5_000_000_000 } },
        })).EnsureSuccessStatusCode();
        var favoured = await host.CreateTenantBillingInAsync("JPY", "Favoured");
        var other = await host.CreateTenantBillingInAsync("JPY", "Other");
        (await op.PutOverridesAsync(favoured.Id, new { adjustmentBasisPoints = -5_000 })).EnsureSuccessStatusCode();

        using var favouredClient = host.WithKey(favoured.AdminKey);
        using var otherClient = host.WithKey(other.AdminKey);
        var favouredRates = await (await favouredClient.GetAsync("api/pricing")).ReadJsonAsync();
        var otherRates = await (await otherClient.GetAsync("api/pricing")).ReadJsonAsync();
        Assert.Equal(1, favouredRates.GetProperty("overridesRevision").GetInt32());
        Assert.Equal(4_000_000, favouredRates.GetProperty("rates").GetProperty("platformPerMinuteMicros").GetInt64());
        Assert.Equal(0, otherRates.GetProperty("overridesRevision").GetInt32());
        Assert.Equal(8_000_000, otherRates.GetProperty("rates").GetProperty("platformPerMinuteMicros").GetInt64());

        // The other tenant's key is refused on the operator routes, its own tenant's included, and the deal is untouched.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.GetAsync($"api/operator/tenants/{favoured.Id}/pricing")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.PutOverridesAsync(other.Id, new { adjustmentBasisPoints = -10_000 })).StatusCode);
        var deal = await (await op.GetAsync($"api/operator/tenants/{favoured.Id}/pricing")).ReadJsonAsync();
        Assert.Equal(-5_000, deal.GetProperty("overrides").GetProperty("adjustmentBasisPoints").GetInt32());
        Assert.Equal(0, (await (await op.GetAsync($"api/operator/tenants/{other.Id}/pricing")).ReadJsonAsync()).GetProperty("revision").GetInt32());
    }
}
