using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.DoNotCall;

/// <summary>The tenant's do-not-call list over real HTTP: idempotent adds, all-or-nothing imports, checks, roles and tenants apart.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class DoNotCallApiTests(ApiHostFixture host)
{
    private static string Path(string number) => "api/do-not-call/" + Uri.EscapeDataString(number);

    [Fact]
    public async Task ANumberIsAddedOnceCheckedAndRemoved()
    {
        var tenant = await host.CreateTenantAsync("DNC");
        using var admin = host.WithKey(tenant.AdminKey);
        var created = await admin.PostAsJsonAsync("api/do-not-call", new { number = "+1 (415) 555-0100", reason = "asked by email" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("+14155550100", "api", "asked by email"), (entry.GetProperty("number").GetString(), entry.GetProperty("source").GetString(), entry.GetProperty("reason").GetString()));

        var again = await admin.PostAsJsonAsync("api/do-not-call", new { number = "+14155550100" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(entry.GetProperty("addedAt").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("addedAt").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Path("+14155550100"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Path("+14155550100"))).StatusCode);
        await (await admin.GetAsync(Path("+14155550100"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync(Path("+14155550100"))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInputNamesTheFieldAndChangesNothing()
    {
        var tenant = await host.CreateTenantAsync("DNC bad input");
        using var admin = host.WithKey(tenant.AdminKey);
        await (await admin.PostAsJsonAsync("api/do-not-call", new { number = "555-0100" })).AssertFieldErrorAsync("number");
        await (await admin.PostAsJsonAsync("api/do-not-call", new { number = "+14155550100", reason = new string('x', 501) })).AssertFieldErrorAsync("reason");
        var import = await admin.PostAsJsonAsync("api/do-not-call/import", new { numbers = new object[] { new { number = "+14155550101" }, new { number = "not a number" } } });
        await import.AssertFieldErrorAsync("numbers[1].number");
        await (await admin.GetAsync(Path("nonsense"))).AssertFieldErrorAsync("number");
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("api/do-not-call")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnImportAddsWhatIsNewAndEveryTenantSeesOnlyItsOwn()
    {
        var tenant = await host.CreateTenantAsync("DNC import");
        using var admin = host.WithKey(tenant.AdminKey);
        await admin.PostAsJsonAsync("api/do-not-call", new { number = "+14155550110" });
        var numbers = Enumerable.Range(10, 30).Select(i => new { number = $"+141555501{i}" }).ToArray();
        var imported = await (await admin.PostAsJsonAsync("api/do-not-call/import", new { numbers })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((30, 29), (imported.GetProperty("received").GetInt32(), imported.GetProperty("added").GetInt32()));
        var page = await admin.GetFromJsonAsync<JsonElement>("api/do-not-call?limit=20");
        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        var rest = await admin.GetFromJsonAsync<JsonElement>($"api/do-not-call?limit=20&after={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}");
        Assert.Equal(10, rest.GetProperty("items").GetArrayLength());

        var other = await host.CreateTenantAsync("Other");
        using var otherAdmin = host.WithKey(other.AdminKey);
        await (await otherAdmin.GetAsync(Path("+14155550110"))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await otherAdmin.GetFromJsonAsync<JsonElement>("api/do-not-call")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SupervisorsReadAndAdministratorsWrite()
    {
        var tenant = await host.CreateTenantAsync("DNC roles");
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "sup", "supervisor"));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("api/do-not-call", new { number = "+14155550100" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/do-not-call")).StatusCode);
        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/do-not-call")).StatusCode);
    }
}
