using System.Net;
using System.Net.Http.Json;
using System.Text;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Protection;

/// <summary>What every answer carries and what no browser on another site may do; bodies held to each route's size.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class HttpProtectionTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("api/tenant")]
    [InlineData("health/live")]
    [InlineData("live")]
    [InlineData("api/no-such-route")]
    public async Task EveryAnswerCarriesTheSecurityHeaders(string path)
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync(path);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        if (path == "live") Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task CorsIsClosedByDefault()
    {
        using var client = host.WithKey((await host.CreateTenantAsync("Cors")).AdminKey);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/brands");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        var answer = await client.SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Headers"));

        using var read = new HttpRequestMessage(HttpMethod.Get, "api/tenant");
        read.Headers.Add("Origin", "https://evil.example");
        var direct = await client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.False(direct.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task EachRouteReadsNoMoreThanItsOwnLimit()
    {
        using var admin = host.WithKey((await host.CreateTenantAsync("Limits")).AdminKey);
        // 20 KiB: too much for a webhook endpoint or an API key (16 KiB), fine for a brand (256 KiB).
        var padding = new string('x', 20 * 1024);
        var webhook = await admin.PostAsync("api/webhooks", Json(new { url = "https://example.com/hook", description = padding }));
        var problem = await webhook.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("16384", problem.GetProperty("detail").GetString());
        await (await admin.PostAsync("api/api-keys", Json(new { name = padding, role = "supervisor" }))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty((await (await admin.GetAsync("api/webhooks")).ReadJsonAsync()).GetProperty("items").EnumerateArray());

        var brand = await admin.PostAsync("api/brands", Json(new { companyName = "Padded", description = padding[..1000] + " " + padding[..1000] }));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, brand.StatusCode);
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";
}
