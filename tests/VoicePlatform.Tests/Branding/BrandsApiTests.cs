using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Branding;

[Collection(ApiHostCollection.Name)]
public sealed class BrandsApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task ABrandIsCreatedReadAndUpdatedWithItsRevisionAsETag()
    {
        var tenant = await host.NewTenantAsync();
        var brand = await tenant.CreateBrandAsync("Acme Dental");
        var id = BrandingClient.Id(brand);
        Assert.StartsWith("brd_", id);
        Assert.Equal(1, brand.GetProperty("revision").GetInt32());
        Assert.Equal("America/Chicago", brand.GetProperty("profile").GetProperty("defaultTimeZone").GetString());

        var read = await tenant.Http.GetAsync($"api/brands/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        using var update = new HttpRequestMessage(HttpMethod.Put, $"api/brands/{id}")
        {
            Content = JsonContent.Create(new { companyName = "Acme Dental Group", defaultTimeZone = "America/Chicago" }),
        };
        update.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var updated = await tenant.Http.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Equal("Acme Dental Group", (await updated.ReadJsonAsync()).GetProperty("profile").GetProperty("companyName").GetString());
    }

    [Fact]
    public async Task AStaleIfMatchGets412AndChangesNothing()
    {
        var tenant = await host.NewTenantAsync();
        var id = BrandingClient.Id(await tenant.CreateBrandAsync("First"));
        (await tenant.Http.PutAsJsonAsync($"api/brands/{id}", new { companyName = "Second" })).EnsureSuccessStatusCode();

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"api/brands/{id}") { Content = JsonContent.Create(new { companyName = "Lost update" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await (await tenant.Http.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var current = await (await tenant.Http.GetAsync($"api/brands/{id}")).ReadJsonAsync();
        Assert.Equal("Second", current.GetProperty("profile").GetProperty("companyName").GetString());
        Assert.Equal(2, current.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task BrandsAreListedByNameAndStatusAPageAtATime()
    {
        var tenant = await host.NewTenantAsync();
        foreach (var name in new[] { "Alpha Roofing", "Beta Roofing", "Gamma Dental" }) await tenant.CreateBrandAsync(name);

        var roofing = await (await tenant.Http.GetAsync("api/brands?name=roofing")).ReadJsonAsync();
        Assert.Equal(2, roofing.GetProperty("items").GetArrayLength());

        var first = await (await tenant.Http.GetAsync("api/brands?limit=2")).ReadJsonAsync();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("next").GetString();
        var second = await (await tenant.Http.GetAsync($"api/brands?limit=2&after={next}")).ReadJsonAsync();
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next").ValueKind);

        await (await tenant.Http.GetAsync("api/brands?status=gone")).AssertFieldErrorAsync("status");
        var active = await (await tenant.Http.GetAsync("api/brands?status=active")).ReadJsonAsync();
        Assert.Equal(3, active.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CloningCopiesTheProfileUnderANewId()
    {
        var tenant = await host.NewTenantAsync();
        var source = await tenant.CreateBrandAsync("Original");
        var clone = await tenant.Http.PostAsync($"api/brands/{BrandingClient.Id(source)}/clone", null);
        Assert.Equal(HttpStatusCode.Created, clone.StatusCode);
        var body = await clone.ReadJsonAsync();
        Assert.NotEqual(BrandingClient.Id(source), BrandingClient.Id(body));
        Assert.Equal("Original (copy)", body.GetProperty("profile").GetProperty("companyName").GetString());
        Assert.Equal("Dental care", body.GetProperty("profile").GetProperty("industry").GetString());

        var named = await (await tenant.Http.PostAsJsonAsync($"api/brands/{BrandingClient.Id(source)}/clone", new { companyName = "Second Site" })).ReadJsonAsync();
        Assert.Equal("Second Site", named.GetProperty("profile").GetProperty("companyName").GetString());
    }

    [Fact]
    public async Task ArchivingABrandInUseIsRefusedWithWhatUsesIt()
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync());
        var personaId = BrandingClient.Id(await tenant.CreatePersonaAsync(brandId, "Ava"));
        var agentId = BrandingClient.Id(await tenant.CreateAgentAsync(personaId, "Front desk"));

        var refused = await tenant.Http.DeleteAsync($"api/brands/{brandId}");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        var blockers = problem.GetProperty("blockers").EnumerateArray().Select(b => b.GetString()).ToList();
        Assert.Contains(blockers, b => b!.Contains(personaId));
        Assert.Contains(blockers, b => b!.Contains(agentId));
        Assert.Equal("active", (await (await tenant.Http.GetAsync($"api/brands/{brandId}")).ReadJsonAsync()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await tenant.Http.DeleteAsync($"api/agents/{agentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http.DeleteAsync($"api/personas/{personaId}")).StatusCode);
        var archived = await tenant.Http.DeleteAsync($"api/brands/{brandId}");
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal("archived", (await archived.ReadJsonAsync()).GetProperty("status").GetString());

        // An archived brand takes no new personas.
        var late = await tenant.Http.PostAsJsonAsync("api/personas", new
        {
            brandId, name = "Late", role = "Receptionist", instructions = "Hello.", voice = BrandingClient.Voice,
        });
        await late.AssertFieldErrorAsync("brandId");
    }

    [Theory]
    [InlineData("{\"industry\":\"x\"}", "companyName")]
    [InlineData("{\"companyName\":\"A\",\"website\":\"ftp://x\"}", "website")]
    [InlineData("{\"companyName\":\"A\",\"logoUrl\":\"not a url\"}", "logoUrl")]
    [InlineData("{\"companyName\":\"A\",\"defaultTimeZone\":\"Mars/Base\"}", "defaultTimeZone")]
    [InlineData("{\"companyName\":\"A\",\"defaultLanguage\":\"english\"}", "defaultLanguage")]
    [InlineData("{\"companyName\":\"A\",\"socialLinks\":[{\"network\":\"X\",\"url\":\"nope\"}]}", "socialLinks[0].url")]
    [InlineData("{\"companyName\":\"A\",\"dos\":[\"\"]}", "dos[0]")]
    [InlineData("{\"companyName\":\"A\",\"status\":\"archived\"}", "status")]
    public async Task BadBrandsGet400NamingTheFieldAndNothingIsSaved(string body, string field)
    {
        var tenant = await host.NewTenantAsync();
        var response = await tenant.Http.PostAsync("api/brands", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);
        var list = await (await tenant.Http.GetAsync("api/brands")).ReadJsonAsync();
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameIdempotencyKeyMakesOneBrand()
    {
        var tenant = await host.NewTenantAsync();
        HttpRequestMessage Create() => new(HttpMethod.Post, "api/brands")
        {
            Content = JsonContent.Create(new { companyName = "Once" }),
            Headers = { { "Idempotency-Key", "brand-once" } },
        };
        var first = await tenant.Http.SendAsync(Create());
        var second = await tenant.Http.SendAsync(Create());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(BrandingClient.Id(await first.ReadJsonAsync()), BrandingClient.Id(await second.ReadJsonAsync()));
        Assert.Equal(1, (await (await tenant.Http.GetAsync("api/brands")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }
}
