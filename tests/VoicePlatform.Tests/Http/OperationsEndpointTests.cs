using System.Net;

namespace VoicePlatform.Tests.Http;

[Collection(ApiHostCollection.Name)]
public sealed class OperationsEndpointTests(ApiHostFixture host)
{
    [Fact]
    public async Task HealthProbesAnswerWithoutCredentials()
    {
        using var client = host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/live")).StatusCode);
        var ready = await client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MetricsExportOrleansMetersToTheOperatorOnly()
    {
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("metrics")).StatusCode);
        using var tenantAdmin = host.WithKey((await host.CreateTenantAsync("Metrics")).AdminKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.GetAsync("metrics")).StatusCode);
        using var client = host.AsOperator();
        var text = await client.GetStringAsync("metrics");
        Assert.Contains("microsoft_orleans_orleans_", text);
        Assert.Contains("# TYPE", text);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheRoutesAndTheReferencePageLoads()
    {
        using var client = host.Anonymous();
        var document = await client.GetStringAsync("openapi/v1.json");
        Assert.Contains("/api/operator/tenants", document);
        Assert.Contains("/api/api-keys", document);
        Assert.Contains("bearer", document);
        var page = await client.GetAsync("api-reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CorrelationIdIsEchoedOrCreated()
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/tenant");
        request.Headers.Add("X-Correlation-Id", "call-1234");
        var response = await client.SendAsync(request);
        Assert.Equal("call-1234", response.Headers.GetValues("X-Correlation-Id").Single());
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("call-1234", problem.GetProperty("correlationId").GetString());

        using var forged = new HttpRequestMessage(HttpMethod.Get, "health/live");
        forged.Headers.TryAddWithoutValidation("X-Correlation-Id", "bad id\twith spaces");
        var replaced = (await client.SendAsync(forged)).Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", replaced);
    }
}
