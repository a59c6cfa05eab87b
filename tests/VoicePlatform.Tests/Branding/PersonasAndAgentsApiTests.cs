using System.Net;
using System.Net.Http.Json;
using System.Text;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Branding;

[Collection(ApiHostCollection.Name)]
public sealed class PersonasAndAgentsApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task AnAgentInheritsItsPersonasBrandAndShowsItsBadge()
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync("Acme Dental"));
        var persona = await tenant.CreatePersonaAsync(brandId);
        Assert.Equal(brandId, persona.GetProperty("brand").GetProperty("id").GetString());
        Assert.Equal(0, persona.GetProperty("agentCount").GetInt32());
        Assert.Equal("object", persona.GetProperty("profile").GetProperty("tools")[0].GetProperty("parameters").GetProperty("type").GetString());

        var agent = await tenant.CreateAgentAsync(BrandingClient.Id(persona));
        Assert.Equal(brandId, agent.GetProperty("brand").GetProperty("id").GetString());
        Assert.Equal("Acme Dental", agent.GetProperty("brand").GetProperty("name").GetString());

        var read = await (await tenant.Http.GetAsync($"api/personas/{BrandingClient.Id(persona)}")).ReadJsonAsync();
        Assert.Equal(1, read.GetProperty("agentCount").GetInt32());

        // Renaming the brand shows on the agent's badge at once.
        (await tenant.Http.PutAsJsonAsync($"api/brands/{brandId}", new { companyName = "Acme Smiles" })).EnsureSuccessStatusCode();
        var again = await (await tenant.Http.GetAsync($"api/agents/{BrandingClient.Id(agent)}")).ReadJsonAsync();
        Assert.Equal("Acme Smiles", again.GetProperty("brand").GetProperty("name").GetString());
    }

    [Fact]
    public async Task TheClientCannotSetAnAgentsBrand()
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync());
        var otherBrand = BrandingClient.Id(await tenant.CreateBrandAsync("Other"));
        var personaId = BrandingClient.Id(await tenant.CreatePersonaAsync(brandId));
        var response = await tenant.Http.PostAsJsonAsync("api/agents", new { personaId, name = "Sneaky", brandId = otherBrand });
        await response.AssertFieldErrorAsync("brandId");
        var agents = await (await tenant.Http.GetAsync("api/agents")).ReadJsonAsync();
        Assert.Equal(0, agents.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task MovingAPersonaToAnotherBrandIsRefused()
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync("Home"));
        var otherBrand = BrandingClient.Id(await tenant.CreateBrandAsync("Away"));
        var personaId = BrandingClient.Id(await tenant.CreatePersonaAsync(brandId));
        var agentId = BrandingClient.Id(await tenant.CreateAgentAsync(personaId));

        var move = await tenant.Http.PutAsJsonAsync($"api/personas/{personaId}", new
        {
            brandId = otherBrand, name = "Ava", role = "Receptionist", instructions = "Hello.", voice = BrandingClient.Voice,
        });
        await move.AssertProblemAsync(HttpStatusCode.Conflict);

        var persona = await (await tenant.Http.GetAsync($"api/personas/{personaId}")).ReadJsonAsync();
        var agent = await (await tenant.Http.GetAsync($"api/agents/{agentId}")).ReadJsonAsync();
        Assert.Equal(brandId, persona.GetProperty("brand").GetProperty("id").GetString());
        Assert.Equal(brandId, agent.GetProperty("brand").GetProperty("id").GetString());

        var agentMove = await tenant.Http.PutAsJsonAsync($"api/agents/{agentId}", new { personaId, name = "Front desk" });
        await agentMove.AssertFieldErrorAsync("personaId");
    }

    [Fact]
    public async Task AgentsAreFilteredByBrandAndStatusWithBadges()
    {
        var tenant = await host.NewTenantAsync();
        var dental = BrandingClient.Id(await tenant.CreateBrandAsync("Dental"));
        var roofing = BrandingClient.Id(await tenant.CreateBrandAsync("Roofing"));
        var dentalPersona = BrandingClient.Id(await tenant.CreatePersonaAsync(dental));
        var roofingPersona = BrandingClient.Id(await tenant.CreatePersonaAsync(roofing));
        await tenant.CreateAgentAsync(dentalPersona, "D1", "active");
        await tenant.CreateAgentAsync(dentalPersona, "D2", "draft");
        await tenant.CreateAgentAsync(roofingPersona, "R1", "active");

        var dentalAgents = await (await tenant.Http.GetAsync($"api/agents?brandId={dental}")).ReadJsonAsync();
        Assert.Equal(2, dentalAgents.GetProperty("items").GetArrayLength());
        Assert.All(dentalAgents.GetProperty("items").EnumerateArray(), a => Assert.Equal("Dental", a.GetProperty("brand").GetProperty("name").GetString()));

        var active = await (await tenant.Http.GetAsync("api/agents?status=active")).ReadJsonAsync();
        Assert.Equal(2, active.GetProperty("items").GetArrayLength());
        var activeDental = await (await tenant.Http.GetAsync($"api/agents?status=active&brandId={dental}")).ReadJsonAsync();
        Assert.Equal("D1", Assert.Single(activeDental.GetProperty("items").EnumerateArray()).GetProperty("agent").GetProperty("name").GetString());

        var personas = await (await tenant.Http.GetAsync($"api/personas?brandId={roofing}")).ReadJsonAsync();
        Assert.Equal(1, Assert.Single(personas.GetProperty("items").EnumerateArray()).GetProperty("agentCount").GetInt32());

        await (await tenant.Http.GetAsync("api/agents?status=sleeping")).AssertFieldErrorAsync("status");
    }

    [Fact]
    public async Task DeletingAPersonaInUseIsRefused()
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync());
        var personaId = BrandingClient.Id(await tenant.CreatePersonaAsync(brandId));
        var agentId = BrandingClient.Id(await tenant.CreateAgentAsync(personaId));
        var problem = await (await tenant.Http.DeleteAsync($"api/personas/{personaId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(agentId, problem.GetProperty("blockers")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http.GetAsync($"api/personas/{personaId}")).StatusCode);
    }

    [Fact]
    public async Task CompiledInstructionsLayerBrandPersonaAgentAndCallWithVariables()
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync("Acme Dental"));
        var personaId = BrandingClient.Id(await tenant.CreatePersonaAsync(brandId, "Ava"));
        var agentId = BrandingClient.Id(await tenant.CreateAgentAsync(personaId));

        var withVariables = await (await tenant.Http.GetAsync($"api/agents/{agentId}/compiled-instructions?first_name=Maria&appointment_type=cleaning")).ReadJsonAsync();
        var text = withVariables.GetProperty("instructions").GetString()!;
        var brandAt = text.IndexOf("# Brand", StringComparison.Ordinal);
        var personaAt = text.IndexOf("# Persona", StringComparison.Ordinal);
        var agentAt = text.IndexOf("# This agent", StringComparison.Ordinal);
        var callAt = text.IndexOf("# Call context", StringComparison.Ordinal);
        Assert.True(brandAt >= 0 && brandAt < personaAt && personaAt < agentAt && agentAt < callAt, text);
        Assert.Contains("Greet Maria and help them book a visit at Acme Dental.", text);
        Assert.Contains("Never:", text);
        Assert.Contains("- appointment_type: cleaning", text);
        Assert.Equal("Hi Maria, this is Ava from Acme Dental.", withVariables.GetProperty("greeting").GetString());
        Assert.Empty(withVariables.GetProperty("unknownVariables").EnumerateArray());

        var without = await (await tenant.Http.GetAsync($"api/agents/{agentId}/compiled-instructions")).ReadJsonAsync();
        Assert.Equal(["first_name"], without.GetProperty("unknownVariables").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("{{first_name}}", without.GetProperty("greeting").GetString());

        await (await tenant.Http.GetAsync($"api/agents/{agentId}/compiled-instructions?First-Name=x")).AssertFieldErrorAsync("First-Name");
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"role\":\"R\",\"instructions\":\"I\",\"voice\":{\"provider\":\"p\",\"voiceId\":\"v\"}}", "brandId")]
    [InlineData("{\"brandId\":\"BRAND\",\"role\":\"R\",\"instructions\":\"I\",\"voice\":{\"provider\":\"p\",\"voiceId\":\"v\"}}", "name")]
    [InlineData("{\"brandId\":\"BRAND\",\"name\":\"A\",\"role\":\"R\",\"instructions\":\"I\"}", "voice")]
    [InlineData("{\"brandId\":\"BRAND\",\"name\":\"A\",\"role\":\"R\",\"instructions\":\"I\",\"voice\":{\"provider\":\"p\",\"voiceId\":\"v\",\"speed\":3}}", "voice.speed")]
    [InlineData("{\"brandId\":\"BRAND\",\"name\":\"A\",\"role\":\"R\",\"instructions\":\"I\",\"voice\":{\"provider\":\"p\",\"voiceId\":\"v\"},\"tools\":[{\"name\":\"Bad Name\",\"description\":\"d\"}]}", "tools[0].name")]
    [InlineData("{\"brandId\":\"BRAND\",\"name\":\"A\",\"role\":\"R\",\"instructions\":\"I\",\"voice\":{\"provider\":\"p\",\"voiceId\":\"v\"},\"tools\":[{\"name\":\"ok_name\",\"description\":\"d\",\"parameters\":{\"type\":\"string\"}}]}", "tools[0].parameters")]
    [InlineData("{\"brandId\":\"brd_nosuchbrandxxxxxxxxx\",\"name\":\"A\",\"role\":\"R\",\"instructions\":\"I\",\"voice\":{\"provider\":\"p\",\"voiceId\":\"v\"}}", "brandId")]
    public async Task BadPersonasGet400NamingTheField(string body, string field)
    {
        var tenant = await host.NewTenantAsync();
        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync());
        var response = await tenant.Http.PostAsync("api/personas", new StringContent(body.Replace("BRAND", brandId), Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, (await (await tenant.Http.GetAsync("api/personas")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"name\":\"A\"}", "personaId")]
    [InlineData("{\"personaId\":\"PERSONA\"}", "name")]
    [InlineData("{\"personaId\":\"PERSONA\",\"name\":\"A\",\"direction\":\"sideways\"}", "direction")]
    [InlineData("{\"personaId\":\"PERSONA\",\"name\":\"A\",\"llm\":{\"temperature\":5}}", "llm.temperature")]
    [InlineData("{\"personaId\":\"PERSONA\",\"name\":\"A\",\"maxCallDurationSeconds\":5}", "maxCallDurationSeconds")]
    [InlineData("{\"personaId\":\"PERSONA\",\"name\":\"A\",\"voicemail\":{\"action\":\"leave-message\"}}", "voicemail.message")]
    [InlineData("{\"personaId\":\"PERSONA\",\"name\":\"A\",\"liveKitAgentName\":\"has space\"}", "liveKitAgentName")]
    [InlineData("{\"personaId\":\"PERSONA\",\"name\":\"A\",\"stt\":{\"language\":\"klingon\"}}", "stt.language")]
    [InlineData("{\"personaId\":\"per_nosuchpersonaxxxxxxx\",\"name\":\"A\"}", "personaId")]
    public async Task BadAgentsGet400NamingTheField(string body, string field)
    {
        var tenant = await host.NewTenantAsync();
        var personaId = BrandingClient.Id(await tenant.CreatePersonaAsync(BrandingClient.Id(await tenant.CreateBrandAsync())));
        var response = await tenant.Http.PostAsync("api/agents", new StringContent(body.Replace("PERSONA", personaId), Encoding.UTF8, "application/json"));
        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, (await (await tenant.Http.GetAsync("api/agents")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task TemplatesAreListedAndCopiedIntoABrand()
    {
        var tenant = await host.NewTenantAsync();
        var templates = await (await tenant.Http.GetAsync("api/persona-templates")).ReadJsonAsync();
        var ids = templates.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        foreach (var expected in new[] { "receptionist", "appointment-setter", "lead-qualifier", "customer-support", "survey", "payment-reminder", "real-estate-enquiry", "recruiting-screener" })
            Assert.Contains(expected, ids);

        var brandId = BrandingClient.Id(await tenant.CreateBrandAsync());
        var created = await tenant.Http.PostAsJsonAsync("api/personas/from-template", new { templateId = "lead-qualifier", brandId, name = "Quinn" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var persona = await created.ReadJsonAsync();
        Assert.Equal("lead-qualifier", persona.GetProperty("templateId").GetString());
        Assert.Equal("Quinn", persona.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(brandId, persona.GetProperty("brand").GetProperty("id").GetString());

        await (await tenant.Http.PostAsJsonAsync("api/personas/from-template", new { templateId = "astronaut", brandId })).AssertFieldErrorAsync("templateId");
    }
}
