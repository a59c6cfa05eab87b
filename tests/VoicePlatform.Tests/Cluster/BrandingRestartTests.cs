using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Cluster;

public sealed class BrandingRestartTests
{
    [Fact]
    public async Task BrandsPersonasAgentsAndTheirIndexSurviveAFullRestart()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("branding");
        var tenant = TenantId.New();
        var brandId = PrefixedId.New<BrandId>();
        var personaId = PrefixedId.New<PersonaId>();
        var agentId = PrefixedId.New<AgentId>();

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "branding-svc");
        await first.GrainFactory.GetBrand(tenant, brandId).CreateAsync(new BrandProfile { CompanyName = "Durable Dental", Dos = ["Smile"] });
        await first.GrainFactory.GetPersona(tenant, personaId).CreateFromTemplateAsync(brandId, "receptionist", "Ava");
        await first.GrainFactory.GetAgent(tenant, agentId).CreateAsync(personaId, new AgentSettings { Name = "Front desk", Status = AgentStatus.Active });
        await first.StopAsync();

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "branding-svc");
        var brand = await second.GrainFactory.GetBrand(tenant, brandId).GetAsync();
        Assert.Equal("Durable Dental", brand!.Profile.CompanyName);
        Assert.Equal(["Smile"], brand.Profile.Dos);
        var persona = await second.GrainFactory.GetPersona(tenant, personaId).GetAsync();
        Assert.Equal("receptionist", persona!.TemplateId);
        Assert.Equal(1, persona.AgentCount);
        var agent = await second.GrainFactory.GetAgent(tenant, agentId).GetAsync();
        Assert.Equal(brandId, agent!.Brand.Id);
        Assert.Equal("Durable Dental", agent.Brand.Name);
        var listed = await second.GrainFactory.GetCatalog(tenant).ListAgentsAsync(brandId, AgentStatus.Active, null, 10);
        Assert.Equal(agentId, Assert.Single(listed.Items).Agent.Id);
        var compiled = await second.GrainFactory.GetAgent(tenant, agentId).CompileInstructionsAsync(new Dictionary<string, string> { ["first_name"] = "Lee" });
        Assert.Contains("Durable Dental", compiled!.Instructions);
    }
}
