using System.Net.Http.Headers;
using System.Net.Http.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Pricing;

/// <summary>Price books, overrides and tenants in a given currency, through the real API.</summary>
public static class PricingHttp
{
    /// <summary>The same rates as <see cref="PricingTestData.Book"/>, as JSON, with the platform fee adjustable to tell versions apart.</summary>
    public static object Book(long platformPerMinuteMicros = 60_000) => new
    {
        telephonyOutboundPerMinuteMicros = 12_000,
        telephonyInboundPerMinuteMicros = 6_000,
        platformPerMinuteMicros,
        stt = new[] { new { provider = "deepgram", model = "nova-3", perAudioMinuteMicros = 10_000 } },
        llm = new[] { new { provider = "openai", model = "gpt-4o-mini", perMillionInputTokensMicros = 1_000_000, perMillionOutputTokensMicros = 4_000_000 } },
        tts = new[] { new { provider = "cartesia", model = "sonic-2", perMillionCharactersMicros = 30_000_000 } },
    };

    public static async Task<HttpResponseMessage> PublishAsync(this HttpClient client, string currency, object body, string? idempotencyKey = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/operator/price-books/{currency}/versions") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PutOverridesAsync(this HttpClient client, string tenantId, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/operator/tenants/{tenantId}/pricing") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return await client.SendAsync(request);
    }

    /// <summary>A fresh tenant billing in <paramref name="currency"/>, with a tenant-admin key.</summary>
    public static async Task<TestTenant> CreateTenantBillingInAsync(this ApiHostFixture host, string currency, string name = "Pricing tenant")
    {
        using var op = host.AsOperator();
        var created = await op.PostAsJsonAsync("api/operator/tenants", new { name, settings = new { currency } });
        var tenant = await created.ReadJsonAsync();
        Assert.True(created.IsSuccessStatusCode, tenant.ToString());
        var id = tenant.GetProperty("id").GetString()!;
        return new TestTenant(id, await host.IssueKeyAsync(id, "admin", "tenant-admin"));
    }
}
