using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace VoicePlatform.Tests.Http;

/// <summary>Bad bodies get 400 (or 413) problem details naming the field, and change nothing.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class RequestValidationTests(ApiHostFixture host)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"name\":", "body")]
    [InlineData("{\"a\":", "body")]
    [InlineData("not json", "body")]
    [InlineData("{\"name\":\"A\",\"bogus\":1}", "bogus")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"colour\":\"red\"}}", "settings.colour")]
    [InlineData("{\"name\":42}", "name")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"concurrencyLimit\":\"many\"}}", "settings.concurrencyLimit")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"lowBalanceThreshold\":[1]}}", "settings.lowBalanceThreshold")]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"   \"}", "name")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"defaultTimeZone\":\"Mars/Olympus\"}}", "settings.defaultTimeZone")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"currency\":\"XYZW\"}}", "settings.currency")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"concurrencyLimit\":0}}", "settings.concurrencyLimit")]
    [InlineData("{\"name\":\"A\",\"settings\":{\"lowBalanceThreshold\":-1}}", "settings.lowBalanceThreshold")]
    public async Task BadTenantCreateGets400NamingTheFieldAndCreatesNothing(string body, string field)
    {
        using var op = host.AsOperator();
        var before = await CountTenantsAsync(op);
        var response = await op.PostAsync("api/operator/tenants", Json(body));
        await response.AssertFieldErrorAsync(field);
        Assert.Equal(before, await CountTenantsAsync(op));
    }

    [Fact]
    public async Task MissingBodyGets400()
    {
        using var op = host.AsOperator();
        var response = await op.PostAsync("api/operator/tenants", new StringContent("", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OversizedBodyGets413ProblemDetailsAndCreatesNothing()
    {
        using var op = host.AsOperator();
        var before = await CountTenantsAsync(op);
        var huge = "{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        // The client waits for the server's go-ahead before sending: refused up front, it sends nothing and reads the
        // 413, instead of having the connection closed under an upload it is still writing (a broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/operator/tenants") { Content = Json(huge) };
        request.Headers.ExpectContinue = true;
        var response = await op.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountTenantsAsync(op));
    }

    [Fact]
    public async Task NameLongerThanAllowedGets400()
    {
        using var op = host.AsOperator();
        var response = await op.PostAsJsonAsync("api/operator/tenants", new { name = new string('n', 201) });
        await response.AssertFieldErrorAsync("name");
    }

    [Fact]
    public async Task BadUpdateChangesNothing()
    {
        var tenant = await host.CreateTenantAsync("Before");
        using var op = host.AsOperator();
        var response = await op.PatchAsync($"api/operator/tenants/{tenant.Id}",
            Json("{\"name\":\"After\",\"settings\":{\"currency\":\"NOPE\"}}"));
        await response.AssertFieldErrorAsync("settings.currency");
        var unknownField = await op.PatchAsync($"api/operator/tenants/{tenant.Id}", Json("{\"name\":\"After\",\"status\":\"suspended\"}"));
        await unknownField.AssertFieldErrorAsync("status");

        var current = await (await op.GetAsync($"api/operator/tenants/{tenant.Id}")).ReadJsonAsync();
        Assert.Equal("Before", current.GetProperty("name").GetString());
        Assert.Equal("USD", current.GetProperty("settings").GetProperty("currency").GetString());
        Assert.Equal("active", current.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"name\":\"k\",\"role\":\"owner\"}", "role")]
    [InlineData("{\"name\":\"k\",\"role\":1}", "role")]
    [InlineData("{\"name\":\"k\"}", "role")]
    [InlineData("{\"role\":\"supervisor\"}", "name")]
    [InlineData("{\"name\":\"k\",\"role\":\"supervisor\",\"tenantId\":\"tnt_other\"}", "tenantId")]
    public async Task BadKeyRequestGets400AndIssuesNothing(string body, string field)
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var response = await admin.PostAsync("api/api-keys", Json(body));
        await response.AssertFieldErrorAsync(field);
        var keys = await (await admin.GetAsync("api/api-keys")).ReadJsonAsync();
        Assert.Equal(1, keys.GetArrayLength());
    }

    [Fact]
    public async Task SuspendNeedsAReason()
    {
        var tenant = await host.CreateTenantAsync();
        using var op = host.AsOperator();
        var response = await op.PostAsync($"api/operator/tenants/{tenant.Id}/suspend", Json("{\"reason\":\"\"}"));
        await response.AssertFieldErrorAsync("reason");
        var current = await (await op.GetAsync($"api/operator/tenants/{tenant.Id}")).ReadJsonAsync();
        Assert.Equal("active", current.GetProperty("status").GetString());
    }

    private static async Task<int> CountTenantsAsync(HttpClient op)
    {
        var count = 0;
        string? after = null;
        do
        {
            var page = await (await op.GetAsync("api/operator/tenants?limit=200" + (after is null ? "" : "&after=" + after))).ReadJsonAsync();
            count += page.GetProperty("items").GetArrayLength();
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        return count;
    }
}
