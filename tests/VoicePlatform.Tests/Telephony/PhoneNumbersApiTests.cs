using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Common;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

[Collection(ApiHostCollection.Name)]
public sealed class PhoneNumbersApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task AdminRegistersANumberTypedAsPeopleWriteItAndItIsStoredInE164()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var trunk = await admin.CreateTrunkAsync();
        var brand = await host.CreateBrandAsync(tenant.Id);
        var agent = await host.CreateAgentAsync(tenant.Id);

        var created = await admin.PostAsJsonAsync("api/phone-numbers", new
        {
            number = n.UsTyped(0),
            label = "Sales line",
            assignedBrandId = brand,
            assignedAgentId = agent,
            trunkId = trunk,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = await created.ReadJsonAsync();
        var id = number.GetProperty("id").GetString()!;
        Assert.StartsWith("num_", id);
        Assert.Equal($"/api/phone-numbers/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal(n.Us(0), number.GetProperty("number").GetString());
        Assert.Equal("US", number.GetProperty("regionCode").GetString());
        Assert.Equal(1, number.GetProperty("countryCode").GetInt32());
        Assert.Contains("America/Los_Angeles", number.GetProperty("timeZones").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal("active", number.GetProperty("status").GetString());
        Assert.Equal(brand, number.GetProperty("assignedBrandId").GetString());

        var moved = await admin.PutAsJsonAsync($"api/phone-numbers/{id}", new { number = n.UkSpaced, label = "London", status = "suspended", trunkId = trunk });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var body = await moved.ReadJsonAsync();
        Assert.Equal(n.Uk, body.GetProperty("number").GetString());
        Assert.Equal("GB", body.GetProperty("regionCode").GetString());
        Assert.Equal("suspended", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("assignedBrandId").ValueKind);
        Assert.Equal("\"2\"", moved.Headers.ETag?.ToString());

        // The old E.164 was freed by the move; the new one is held.
        await admin.CreateNumberAsync(new { number = n.Us(0) });
        await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = n.Uk })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/phone-numbers/{id}")).StatusCode);
        await (await admin.GetAsync($"api/phone-numbers/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await admin.CreateNumberAsync(new { number = n.Uk });
    }

    [Theory]
    [InlineData("number", "{\"number\":\"6502530000\"}")]
    [InlineData("number", "{\"number\":\"+1 123\"}")]
    [InlineData("number", "{\"number\":\"+1 000-000-0000\"}")]
    [InlineData("number", "{\"label\":\"no number\"}")]
    [InlineData("label", "{\"number\":\"+16502530000\",\"label\":\"bad\\u0007label\"}")]
    [InlineData("status", "{\"number\":\"+16502530000\",\"status\":\"gone\"}")]
    [InlineData("assignedBrandId", "{\"number\":\"+16502530000\",\"assignedBrandId\":\"acme\"}")]
    [InlineData("assignedBrandId", "{\"number\":\"+16502530000\",\"assignedBrandId\":\"brd_doesnotexist2345\"}")]
    [InlineData("assignedAgentId", "{\"number\":\"+16502530000\",\"assignedAgentId\":\"agt_doesnotexist2345\"}")]
    [InlineData("trunkId", "{\"number\":\"+16502530000\",\"trunkId\":\"trk_doesnotexist2345\"}")]
    [InlineData("trunkId", "{\"number\":\"+16502530000\",\"trunkId\":\"ST_abc\"}")]
    public async Task AnInvalidNumberIsRefusedNamingTheFieldAndNothingIsSaved(string field, string json)
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var response = await admin.PostAsync("api/phone-numbers", new StringContent(json.Replace("+16502530000", n.Us(0)), System.Text.Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await admin.CountAsync("api/phone-numbers"));
        // Nothing was reserved either: the number registers now.
        await admin.CreateNumberAsync(new { number = n.Us(0) });
    }

    [Fact]
    public async Task AssigningAnotherTenantsOrAnArchivedBrandIsRefused()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        var other = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var theirBrand = await host.CreateBrandAsync(other.Id);
        var theirTrunk = await host.WithKey(other.AdminKey).CreateTrunkAsync();

        await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = n.Us(0), assignedBrandId = theirBrand })).AssertFieldErrorAsync("assignedBrandId");
        await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = n.Us(0), trunkId = theirTrunk })).AssertFieldErrorAsync("trunkId");

        var archived = await host.CreateBrandAsync(tenant.Id);
        await host.Grains().GetBrand(VoicePlatform.Tenants.TenantId.Parse(tenant.Id), VoicePlatform.Common.PrefixedId.Parse<VoicePlatform.Brands.BrandId>(archived)).ArchiveAsync(null);
        await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = n.Us(0), assignedBrandId = archived })).AssertFieldErrorAsync("assignedBrandId");
        Assert.Equal(0, await admin.CountAsync("api/phone-numbers"));
    }

    [Fact]
    public async Task TheSameNumberCannotBeRegisteredTwiceInATenantEvenConcurrently()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var first = await admin.CreateNumberAsync(new { number = n.Us(0) });

        var again = await (await admin.PostAsJsonAsync("api/phone-numbers", new { number = n.UsSpaced(0) })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first, again.GetProperty("blockers")[0].GetString());

        var racers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.PostAsJsonAsync("api/phone-numbers", new { number = n.Us(5) })));
        Assert.Single(racers, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(racers.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2, await admin.CountAsync("api/phone-numbers"));

        // Moving another number onto a held E.164 is refused too.
        var second = await admin.CreateNumberAsync(new { number = n.Uk });
        await (await admin.PutAsJsonAsync($"api/phone-numbers/{second}", new { number = n.Us(0) })).AssertProblemAsync(HttpStatusCode.Conflict);

        // Another tenant may not hold the same E.164: a number belongs to one tenant on the whole platform.
        var refused = await (await host.WithKey((await host.CreateTenantAsync()).AdminKey).PostAsJsonAsync("api/phone-numbers", new { number = n.Us(0) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(refused.GetProperty("blockers").EnumerateArray());
    }

    [Fact]
    public async Task AStaleIfMatchIsRefusedAndChangesNothing()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var id = await admin.CreateNumberAsync(new { number = n.Us(0), label = "Before" });
        HttpRequestMessage Put(string label, string etag) => new(HttpMethod.Put, $"api/phone-numbers/{id}")
        {
            Content = JsonContent.Create(new { number = n.Us(0), label }),
            Headers = { { "If-Match", etag } },
        };

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Put("First", "\"1\""))).StatusCode);
        await (await admin.SendAsync(Put("Second", "\"1\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await admin.SendAsync(Put("Third", "\"abc\""))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"api/phone-numbers/{id}") { Headers = { { "If-Match", "\"1\"" } } };
        await (await admin.SendAsync(staleDelete)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("First", (await (await admin.GetAsync($"api/phone-numbers/{id}")).ReadJsonAsync()).GetProperty("label").GetString());
    }

    [Fact]
    public async Task ListsFilterByBrandAgentAndStatusAndArePaged()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var brand = await host.CreateBrandAsync(tenant.Id);
        var agent = await host.CreateAgentAsync(tenant.Id);
        var branded = await admin.CreateNumberAsync(new { number = n.Us(0), assignedBrandId = brand });
        var both = await admin.CreateNumberAsync(new { number = n.Us(1), assignedBrandId = brand, assignedAgentId = agent });
        var suspended = await admin.CreateNumberAsync(new { number = n.Us(2), status = "suspended" });
        await admin.CreateNumberAsync(new { number = n.Us(3) });

        async Task<List<string>> Ids(string query) =>
            (await (await admin.GetAsync("api/phone-numbers?" + query)).ReadJsonAsync()).GetProperty("items").EnumerateArray()
                .Select(x => x.GetProperty("id").GetString()!).ToList();

        Assert.Equal(new[] { branded, both }.Order(StringComparer.Ordinal), await Ids($"brandId={brand}"));
        Assert.Equal([both], await Ids($"agentId={agent}"));
        Assert.Equal([suspended], await Ids("status=suspended"));
        Assert.Equal([both], await Ids($"brandId={brand}&agentId={agent}&status=active"));
        Assert.Empty(await Ids("status=released"));

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await (await admin.GetAsync("api/phone-numbers?limit=3" + (after is null ? "" : "&after=" + after))).ReadJsonAsync();
            Assert.True(page.GetProperty("items").GetArrayLength() <= 3);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(4, seen.Distinct().Count());

        await (await admin.GetAsync("api/phone-numbers?status=gone")).AssertFieldErrorAsync("status");
        await (await admin.GetAsync("api/phone-numbers?brandId=acme")).AssertFieldErrorAsync("brandId");
        await (await admin.GetAsync("api/phone-numbers?agentId=brd_abcdefgh")).AssertFieldErrorAsync("agentId");
        await (await admin.GetAsync("api/phone-numbers?limit=201")).AssertFieldErrorAsync("limit");
    }

    [Fact]
    public async Task ASupervisorReadsNumbersButCannotWriteThem()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var id = await admin.CreateNumberAsync(new { number = n.Us(0) });
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "sup", "supervisor"));

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"api/phone-numbers/{id}")).StatusCode);
        Assert.Equal(1, await supervisor.CountAsync("api/phone-numbers"));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("api/phone-numbers", new { number = n.Us(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"api/phone-numbers/{id}", new { number = n.Us(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"api/phone-numbers/{id}")).StatusCode);
        Assert.Equal(n.Us(0), (await (await admin.GetAsync($"api/phone-numbers/{id}")).ReadJsonAsync()).GetProperty("number").GetString());
    }
}
