using System.Net;
using System.Net.Http.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Branding;

/// <summary>Another tenant's brand, persona and agent ids read as not found on every route, and are never listed.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class BrandingIsolationTests(ApiHostFixture host)
{
    [Fact]
    public async Task AnotherTenantsBrandingIdsAreNotFoundEverywhere()
    {
        var owner = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await owner.CreateBrandAsync("Owner Brand"));
        var personaId = BrandingClient.Id(await owner.CreatePersonaAsync(brandId));
        var agentId = BrandingClient.Id(await owner.CreateAgentAsync(personaId));

        var intruder = (await host.NewTenantAsync()).Http;
        var brandBody = new { companyName = "Hijacked" };
        var personaBody = new { brandId, name = "X", role = "R", instructions = "I", voice = BrandingClient.Voice };
        var agentBody = new { name = "X" };

        var notFound = new List<HttpResponseMessage>
        {
            await intruder.GetAsync($"api/brands/{brandId}"),
            await intruder.PutAsJsonAsync($"api/brands/{brandId}", brandBody),
            await intruder.PostAsync($"api/brands/{brandId}/clone", null),
            await intruder.DeleteAsync($"api/brands/{brandId}"),
            await intruder.GetAsync($"api/personas/{personaId}"),
            await intruder.PutAsJsonAsync($"api/personas/{personaId}", personaBody),
            await intruder.DeleteAsync($"api/personas/{personaId}"),
            await intruder.GetAsync($"api/agents/{agentId}"),
            await intruder.PutAsJsonAsync($"api/agents/{agentId}", agentBody),
            await intruder.DeleteAsync($"api/agents/{agentId}"),
            await intruder.GetAsync($"api/agents/{agentId}/compiled-instructions"),
        };
        foreach (var response in notFound)
            await response.AssertProblemAsync(HttpStatusCode.NotFound);

        // Referencing the other tenant's brand or persona is a bad reference in the caller's own tenant.
        await (await intruder.PostAsJsonAsync("api/personas", personaBody)).AssertFieldErrorAsync("brandId");
        await (await intruder.PostAsJsonAsync("api/personas/from-template", new { templateId = "receptionist", brandId })).AssertFieldErrorAsync("brandId");
        await (await intruder.PostAsJsonAsync("api/agents", new { personaId, name = "X" })).AssertFieldErrorAsync("personaId");

        foreach (var list in new[] { "api/brands", "api/personas", "api/agents", $"api/agents?brandId={brandId}", $"api/personas?brandId={brandId}" })
            Assert.Equal(0, (await (await intruder.GetAsync(list)).ReadJsonAsync()).GetProperty("items").GetArrayLength());

        // And the owner's objects are untouched.
        var brand = await (await owner.Http.GetAsync($"api/brands/{brandId}")).ReadJsonAsync();
        Assert.Equal("Owner Brand", brand.GetProperty("profile").GetProperty("companyName").GetString());
        Assert.Equal(1, brand.GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"api/agents/{agentId}")).StatusCode);
    }

    [Fact]
    public async Task SupervisorsReadButCannotWriteBranding()
    {
        var tenant = await host.CreateTenantAsync();
        var admin = new BrandingClient(host.WithKey(tenant.AdminKey));
        var brandId = BrandingClient.Id(await admin.CreateBrandAsync());
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "sup", "supervisor"));
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"api/brands/{brandId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/persona-templates")).StatusCode);
        await (await supervisor.PostAsJsonAsync("api/brands", new { companyName = "No" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await supervisor.DeleteAsync($"api/brands/{brandId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var worker = host.WithKey(await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker"));
        await (await worker.GetAsync("api/brands")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
