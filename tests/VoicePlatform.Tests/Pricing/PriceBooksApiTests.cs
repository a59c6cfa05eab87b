using System.Net;
using System.Net.Http.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Pricing;

/// <summary>The operator's price-book routes over real HTTP. Each test publishes in a currency no other test of the host uses.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class PriceBooksApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task PublishingTwoVersionsKeepsBothAndTheCurrentIsTheNewest()
    {
        using var op = host.AsOperator();
        var first = await op.PublishAsync("EUR", PricingHttp.Book(60_000));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/operator/price-books/EUR/versions/1", first.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", first.Headers.ETag?.Tag);
        var body = await first.ReadJsonAsync();
        Assert.Equal(("EUR", 1, "operator"), (body.GetProperty("currency").GetString(), body.GetProperty("version").GetInt32(), body.GetProperty("publishedBy").GetString()));
        Assert.Equal("nova-3", body.GetProperty("rates").GetProperty("stt")[0].GetProperty("model").GetString());

        Assert.Equal(HttpStatusCode.Created, (await op.PublishAsync("EUR", PricingHttp.Book(70_000))).StatusCode);

        var current = await op.GetAsync("api/operator/price-books/EUR");
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        Assert.Equal(70_000, (await current.ReadJsonAsync()).GetProperty("rates").GetProperty("platformPerMinuteMicros").GetInt64());
        var v1 = await (await op.GetAsync("api/operator/price-books/EUR/versions/1")).ReadJsonAsync();
        Assert.Equal(60_000, v1.GetProperty("rates").GetProperty("platformPerMinuteMicros").GetInt64());
        await (await op.GetAsync("api/operator/price-books/EUR/versions/3")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARetriedPublishAnswersTheSameVersionAndAReusedKeyOrStaleIfMatchIsRefused()
    {
        using var op = host.AsOperator();
        Assert.Equal(HttpStatusCode.Created, (await op.PublishAsync("GBP", PricingHttp.Book(), idempotencyKey: "gbp-2026-11", ifMatch: "\"0\"")).StatusCode);
        var retry = await op.PublishAsync("GBP", PricingHttp.Book(), idempotencyKey: "gbp-2026-11", ifMatch: "\"0\"");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (await retry.ReadJsonAsync()).GetProperty("version").GetInt32());

        await (await op.PublishAsync("GBP", PricingHttp.Book(1), idempotencyKey: "gbp-2026-11")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await op.PublishAsync("GBP", PricingHttp.Book(2), ifMatch: "\"0\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await op.PublishAsync("GBP", PricingHttp.Book(2), idempotencyKey: "")).AssertFieldErrorAsync("Idempotency-Key");

        var current = await (await op.GetAsync("api/operator/price-books/GBP")).ReadJsonAsync();
        Assert.Equal((1, 60_000L), (current.GetProperty("version").GetInt32(), current.GetProperty("rates").GetProperty("platformPerMinuteMicros").GetInt64()));
    }

    public static TheoryData<string, string, string> BadBooks => new()
    {
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1}""", "platformPerMinuteMicros" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1,"stt":[{"provider":"deepgram","model":"nova-3","perAudioMinuteMicros":-4}]}""", "stt[0].perAudioMinuteMicros" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":-1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1}""", "telephonyOutboundPerMinuteMicros" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1,"llm":[{"provider":"openai","model":"a","perMillionInputTokensMicros":1,"perMillionOutputTokensMicros":1},{"provider":"OpenAI","model":"A","perMillionInputTokensMicros":2,"perMillionOutputTokensMicros":2}]}""", "llm[1]" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1,"tts":[{"provider":"*","model":"sonic-2","perMillionCharactersMicros":1}]}""", "tts[0].model" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1,"tts":[{"model":"sonic-2","perMillionCharactersMicros":1}]}""", "tts[0].provider" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1,"stt":[null]}""", "stt[0]" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1.5,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1}""", "telephonyOutboundPerMinuteMicros" },
        { "CAD", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1,"platformFee":3}""", "platformFee" },
        { "cad", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1}""", "currency" },
        { "XYZ", """{"telephonyOutboundPerMinuteMicros":1,"telephonyInboundPerMinuteMicros":1,"platformPerMinuteMicros":1}""", "currency" },
    };

    [Theory]
    [MemberData(nameof(BadBooks))]
    public async Task BadInputNamesTheFieldAndPublishesNothing(string currency, string json, string field)
    {
        using var op = host.AsOperator();
        var response = await op.PostAsync($"api/operator/price-books/{currency}/versions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);
        await (await op.GetAsync("api/operator/price-books/CAD")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABadCurrencyInAReadIsNamedToo()
    {
        using var op = host.AsOperator();
        await (await op.GetAsync("api/operator/price-books/usd")).AssertFieldErrorAsync("currency");
        await (await op.GetAsync("api/operator/price-books/DOLLARS/versions/1")).AssertFieldErrorAsync("currency");
        await (await op.GetAsync("api/operator/price-books/ISK")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyTheOperatorReachesPriceBooksAndTenantOverrides()
    {
        var tenant = await host.CreateTenantAsync();
        var supervisorKey = await host.IssueKeyAsync(tenant.Id, "wallboard", "supervisor");
        foreach (var key in new[] { tenant.AdminKey, supervisorKey })
        {
            using var client = host.WithKey(key);
            var refused = new[]
            {
                await client.GetAsync("api/operator/price-books/USD"),
                await client.GetAsync("api/operator/price-books/USD/versions/1"),
                await client.PublishAsync("USD", PricingHttp.Book(0)),
                await client.GetAsync($"api/operator/tenants/{tenant.Id}/pricing"),
                await client.PutOverridesAsync(tenant.Id, new { adjustmentBasisPoints = -10_000 }),
            };
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        }
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/operator/price-books/USD")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/pricing")).StatusCode);

        // Nothing a tenant sent changed the development book or the tenant's deal.
        using var op = host.AsOperator();
        Assert.Equal(1, (await (await op.GetAsync("api/operator/price-books/USD")).ReadJsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal(0, (await (await op.GetAsync($"api/operator/tenants/{tenant.Id}/pricing")).ReadJsonAsync()).GetProperty("revision").GetInt32());
    }
}
