using System.Net;
using System.Net.Http.Json;

namespace VoicePlatform.Tests.Http;

[Collection(ApiHostCollection.Name)]
public sealed class OperatorTenantsApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task OperatorCreatesReadsUpdatesAndListsATenant()
    {
        using var op = host.AsOperator();
        var created = await op.PostAsJsonAsync("api/operator/tenants", new
        {
            name = "Northwind Calls",
            settings = new { defaultTimeZone = "Europe/Berlin", currency = "EUR", concurrencyLimit = 25, lowBalanceThreshold = 12.5m },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenant = await created.ReadJsonAsync();
        var id = tenant.GetProperty("id").GetString()!;
        Assert.Equal($"/api/operator/tenants/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Europe/Berlin", tenant.GetProperty("settings").GetProperty("defaultTimeZone").GetString());

        var updated = await (await op.PatchAsJsonAsync($"api/operator/tenants/{id}", new { settings = new { concurrencyLimit = 40 } })).ReadJsonAsync();
        Assert.Equal(40, updated.GetProperty("settings").GetProperty("concurrencyLimit").GetInt32());
        Assert.Equal("EUR", updated.GetProperty("settings").GetProperty("currency").GetString());

        var read = await (await op.GetAsync($"api/operator/tenants/{id}")).ReadJsonAsync();
        Assert.Equal("Northwind Calls", read.GetProperty("name").GetString());
        Assert.Equal(40, read.GetProperty("settings").GetProperty("concurrencyLimit").GetInt32());

        var found = false;
        string? after = null;
        do
        {
            var page = await (await op.GetAsync("api/operator/tenants?limit=2" + (after is null ? "" : "&after=" + after))).ReadJsonAsync();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            found |= page.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetString() == id);
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.True(found, "the new tenant is listed");
    }

    [Fact]
    public async Task RetriedCreateWithTheSameIdempotencyKeyMakesOneTenant()
    {
        using var op = host.AsOperator();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create(string name) => new(HttpMethod.Post, "api/operator/tenants")
        {
            Content = JsonContent.Create(new { name }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await op.SendAsync(Create("Retry Co"));
        var second = await op.SendAsync(Create("Retry Co"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetString(), (await second.ReadJsonAsync()).GetProperty("id").GetString());

        var different = await op.SendAsync(Create("Someone Else"));
        await different.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnknownTenantIsNotFound()
    {
        using var op = host.AsOperator();
        await (await op.GetAsync("api/operator/tenants/tnt_doesnotexist2345")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await op.GetAsync("api/operator/tenants/not-an-id")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await op.PostAsJsonAsync("api/operator/tenants/tnt_doesnotexist2345/api-keys", new { name = "x", role = "supervisor" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OperatorManagesATenantsKeys()
    {
        var tenant = await host.CreateTenantAsync();
        using var op = host.AsOperator();
        var keys = await (await op.GetAsync($"api/operator/tenants/{tenant.Id}/api-keys")).ReadJsonAsync();
        var keyId = keys[0].GetProperty("keyId").GetString();
        Assert.Equal("operator", keys[0].GetProperty("issuedBy").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"api/operator/tenants/{tenant.Id}/api-keys/{keyId}")).StatusCode);
        // Revoking again is harmless (a retried request), and the key stays revoked.
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"api/operator/tenants/{tenant.Id}/api-keys/{keyId}")).StatusCode);
        var after = await (await op.GetAsync($"api/operator/tenants/{tenant.Id}/api-keys")).ReadJsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, after[0].GetProperty("revokedAt").ValueKind);

        var other = await host.CreateTenantAsync();
        await (await op.DeleteAsync($"api/operator/tenants/{other.Id}/api-keys/{keyId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DevelopmentModeSeedsADemoTenantWhoseKeyWorks()
    {
        using var client = host.WithKey(await host.DemoApiKeyAsync());
        var me = await (await client.GetAsync("api/tenant")).ReadJsonAsync();
        Assert.Equal("Demo Agency", me.GetProperty("name").GetString());
    }
}
