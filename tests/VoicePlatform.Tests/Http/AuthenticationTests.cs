using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace VoicePlatform.Tests.Http;

[Collection(ApiHostCollection.Name)]
public sealed class AuthenticationTests(ApiHostFixture host)
{
    [Fact]
    public async Task MissingKeyGets401ProblemDetails()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("api/tenant");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("API key is required", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Token abc")]
    [InlineData("Bearer vpk_short")]
    [InlineData("Bearer vpk_AAAAAAAAAAAAAAAA_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("Basic !!!notbase64")]
    public async Task MalformedAuthorizationGets401(string header)
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/tenant");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WellFormedUnknownKeyGets401()
    {
        using var client = host.WithKey("vpk_aaaaaaaaaaaaaaaa_" + new string('b', 52));
        var response = await client.GetAsync("api/tenant");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RightKeyIdWithWrongSecretGets401()
    {
        var tenant = await host.CreateTenantAsync();
        var forged = tenant.AdminKey[..21] + new string('a', 52);
        Assert.NotEqual(tenant.AdminKey, forged);
        using var client = host.WithKey(forged);
        var response = await client.GetAsync("api/tenant");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RevokedKeyGets401()
    {
        var tenant = await host.CreateTenantAsync();
        var second = await host.IssueKeyAsync(tenant.Id, "to revoke", "supervisor");
        using var victim = host.WithKey(second);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("api/tenant")).StatusCode);

        using var admin = host.WithKey(tenant.AdminKey);
        var keys = await (await admin.GetAsync("api/api-keys")).ReadJsonAsync();
        var keyId = keys.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "to revoke").GetProperty("keyId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/api-keys/{keyId}")).StatusCode);

        var problem = await (await victim.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The API key has been revoked.", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/tenant")).StatusCode);
    }

    [Fact]
    public async Task SuspendedTenantsKeysGet401UntilReactivated()
    {
        var tenant = await host.CreateTenantAsync();
        using var op = host.AsOperator();
        using var client = host.WithKey(tenant.AdminKey);

        (await op.PostAsJsonAsync($"api/operator/tenants/{tenant.Id}/suspend", new { reason = "unpaid invoice" })).EnsureSuccessStatusCode();
        var problem = await (await client.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The API key's tenant is suspended.", problem.GetProperty("detail").GetString());

        (await op.PostAsync($"api/operator/tenants/{tenant.Id}/reactivate", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/tenant")).StatusCode);
    }

    [Fact]
    public async Task SupervisorKeyCannotManageKeys()
    {
        var tenant = await host.CreateTenantAsync();
        var supervisor = await host.IssueKeyAsync(tenant.Id, "supervisor", "supervisor");
        using var client = host.WithKey(supervisor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/tenant")).StatusCode);
        await (await client.GetAsync("api/api-keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync("api/api-keys", new { name = "escalate", role = "tenant-admin" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AgentWorkerKeyReadsItsTenantButNothingAdministrative()
    {
        var tenant = await host.CreateTenantAsync();
        var worker = await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker");
        using var client = host.WithKey(worker);
        var me = await (await client.GetAsync("api/tenant")).ReadJsonAsync();
        Assert.Equal(tenant.Id, me.GetProperty("id").GetString());
        await (await client.GetAsync("api/api-keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TenantKeyOnOperatorRoutesGets403()
    {
        var tenant = await host.CreateTenantAsync();
        using var client = host.WithKey(tenant.AdminKey);
        await (await client.GetAsync("api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync("api/operator/tenants", new { name = "mine now" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OperatorKeyOnTenantRoutesGets403BecauseItHasNoTenant()
    {
        using var op = host.AsOperator();
        await (await op.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherTenantsKeyIsNotFoundAndStaysValid()
    {
        var alice = await host.CreateTenantAsync("Alice");
        var bob = await host.CreateTenantAsync("Bob");
        using var bobClient = host.WithKey(bob.AdminKey);
        var bobKeyId = (await (await bobClient.GetAsync("api/api-keys")).ReadJsonAsync())[0].GetProperty("keyId").GetString();

        using var aliceClient = host.WithKey(alice.AdminKey);
        await (await aliceClient.DeleteAsync($"api/api-keys/{bobKeyId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var aliceKeys = await (await aliceClient.GetAsync("api/api-keys")).ReadJsonAsync();
        Assert.DoesNotContain(aliceKeys.EnumerateArray(), k => k.GetProperty("keyId").GetString() == bobKeyId);
        Assert.Equal(HttpStatusCode.OK, (await bobClient.GetAsync("api/tenant")).StatusCode);
    }

    [Fact]
    public async Task ClientChosenTenantHeadersAreIgnored()
    {
        var alice = await host.CreateTenantAsync("Alice");
        var bob = await host.CreateTenantAsync("Bob");
        using var client = host.WithKey(alice.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/tenant");
        request.Headers.Add("X-Tenant-Id", bob.Id);
        request.Headers.Add("X-Tenant", bob.Id);
        var me = await (await client.SendAsync(request)).ReadJsonAsync();
        Assert.Equal(alice.Id, me.GetProperty("id").GetString());
    }

    [Fact]
    public async Task KeysAreListedWithoutSecretAndShowLastUse()
    {
        var tenant = await host.CreateTenantAsync();
        using var client = host.WithKey(tenant.AdminKey);
        var secret = tenant.AdminKey[22..];
        var response = await client.GetAsync("api/api-keys");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, text);
        var key = (await response.ReadJsonAsync())[0];
        Assert.Equal(tenant.AdminKey[..20], key.GetProperty("prefix").GetString());
        Assert.Equal("tenant-admin", key.GetProperty("role").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, key.GetProperty("lastUsedAt").ValueKind);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, key.GetProperty("createdAt").ValueKind);
    }

    [Fact]
    public async Task TenantAdminCreatesAKeyThatWorksAndIsShownOnce()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var created = await admin.PostAsJsonAsync("api/api-keys", new { name = "wallboard", role = "supervisor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var key = body.GetProperty("key").GetString()!;
        Assert.StartsWith("vpk_", key);
        Assert.Equal("supervisor", body.GetProperty("apiKey").GetProperty("role").GetString());

        using var supervisor = host.WithKey(key);
        var me = await (await supervisor.GetAsync("api/tenant")).ReadJsonAsync();
        Assert.Equal(tenant.Id, me.GetProperty("id").GetString());

        var listed = await (await admin.GetAsync("api/api-keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(key[22..], listed);
    }

    [Fact]
    public async Task DashboardNeedsTheOperatorCredential()
    {
        using var anonymous = host.Anonymous();
        var refused = await anonymous.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Basic");

        var tenant = await host.CreateTenantAsync();
        using var tenantClient = host.WithKey(tenant.AdminKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantClient.GetAsync("dashboard/")).StatusCode);

        using var browser = host.Anonymous();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + ApiHostFixture.OperatorKey)));
        var page = await browser.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("html", page.Content.Headers.ContentType?.MediaType);

        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("dashboard/")).StatusCode);
    }
}
