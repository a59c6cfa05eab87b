using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Users;

namespace VoicePlatform.Tests.Audit;

/// <summary>
/// Every change names who made it: a person's change by their email, a key's by its id, the operator's on the tenant it
/// changed — and only the tenant's admins read the record, of their own tenant only.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class AuditTrailTests(ApiHostFixture host)
{
    [Fact]
    public async Task ChangesByAPersonAKeyAndTheOperatorAreRecordedWithWhoMadeThem()
    {
        var tenant = await host.CreateTenantAsync("Audited Agency");
        var email = $"ada-{Guid.NewGuid():N}@audited.example";
        using var person = await ConsoleUsers.SignedInAsync(host, tenant.AdminKey, "tenant-admin", email);

        var created = await person.SendAsync(HttpMethod.Post, "api/brands", new { companyName = "Audited Dental" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var brandId = (await created.ReadJsonAsync()).GetProperty("id").GetString();
        // A refused change changes nothing, and is not recorded as one.
        Assert.Equal(HttpStatusCode.BadRequest, (await person.SendAsync(HttpMethod.Post, "api/brands", new { companyName = "" })).StatusCode);
        using var key = host.WithKey(tenant.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await key.PostAsync($"api/brands/{brandId}/clone", JsonContent.Create(new { companyName = "Audited Dental II" }))).StatusCode);
        using (var op = host.AsOperator())
        using (var credit = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenant.Id}/wallet/credits") { Content = JsonContent.Create(new { kind = "top-up", amount = 1_000 }) })
        {
            credit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.True((await op.SendAsync(credit)).IsSuccessStatusCode);
        }

        var log = await (await person.GetAsync("api/audit?limit=10")).ReadJsonAsync();
        var entries = log.GetProperty("items").EnumerateArray().ToList();
        string Actor(string route) => entries.First(e => e.GetProperty("route").GetString() == route).GetProperty("actor").GetString()!;
        Assert.Equal(email, Actor("/api/brands/"));
        Assert.StartsWith("key_", Actor("/api/brands/{brandId}/clone"));
        Assert.Equal("operator", Actor("/api/operator/tenants/{tenantId}/wallet/credits"));
        Assert.Equal(entries.Select(e => e.GetProperty("sequence").GetInt64()).OrderByDescending(s => s), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.DoesNotContain(entries, e => e.GetProperty("status").GetInt32() >= 400);
        var brandEntry = entries.First(e => e.GetProperty("route").GetString() == "/api/brands/");
        Assert.Equal("POST", brandEntry.GetProperty("method").GetString());
        Assert.False(string.IsNullOrEmpty(brandEntry.GetProperty("correlationId").GetString()));

        // Pages follow the cursor; a supervisor may not read the record; another tenant sees none of it.
        var first = await (await key.GetAsync("api/audit?limit=1")).ReadJsonAsync();
        var next = first.GetProperty("next").GetString();
        var second = await (await key.GetAsync($"api/audit?limit=1&after={next}")).ReadJsonAsync();
        Assert.True(second.GetProperty("items")[0].GetProperty("sequence").GetInt64() < first.GetProperty("items")[0].GetProperty("sequence").GetInt64());
        await (await key.GetAsync("api/audit?after=yesterday")).AssertFieldErrorAsync("after");
        using var supervisor = await ConsoleUsers.SignedInAsync(host, tenant.AdminKey, "supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/audit")).StatusCode);
        var neighbour = await host.CreateTenantAsync("Neighbour");
        using var neighbourKey = host.WithKey(neighbour.AdminKey);
        var theirs = await (await neighbourKey.GetAsync("api/audit")).ReadJsonAsync();
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), e => e.GetProperty("path").GetString()!.Contains(brandId!, StringComparison.Ordinal));
    }
}
