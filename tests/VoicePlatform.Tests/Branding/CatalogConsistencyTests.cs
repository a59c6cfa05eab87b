using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Branding;

[Collection(MemoryClusterCollection.Name)]
public sealed class CatalogConsistencyTests(MemoryClusterFixture fixture)
{
    private static readonly PersonaProfile Profile = new()
    {
        Name = "Ava",
        Role = "Receptionist",
        Instructions = "Help callers.",
        Voice = new PersonaVoice { Provider = "openai", VoiceId = "coral" },
    };

    [Fact]
    public async Task ArchivingABrandAndAddingAPersonaToItNeverBothSucceed()
    {
        for (var round = 0; round < 20; round++)
        {
            var tenant = TenantId.New();
            var brandId = PrefixedId.New<BrandId>();
            var brand = fixture.Grains.GetBrand(tenant, brandId);
            await brand.CreateAsync(new BrandProfile { CompanyName = $"Race {round}" });

            var archive = brand.ArchiveAsync(expectedRevision: null);
            var persona = fixture.Grains.GetPersona(tenant, PrefixedId.New<PersonaId>()).CreateAsync(brandId, Profile, templateId: null);
            await Task.WhenAll(archive, persona);

            var archived = (await archive).Outcome == WriteOutcome.Ok;
            var created = (await persona).Outcome == WriteOutcome.Created;
            Assert.True(archived ^ created, $"round {round}: archived={archived}, persona created={created}");
        }
    }

    [Fact]
    public async Task AnAgentsStoredBrandIsAlwaysItsPersonasBrand()
    {
        var tenant = TenantId.New();
        var brandId = PrefixedId.New<BrandId>();
        await fixture.Grains.GetBrand(tenant, brandId).CreateAsync(new BrandProfile { CompanyName = "Home" });
        var personaId = PrefixedId.New<PersonaId>();
        await fixture.Grains.GetPersona(tenant, personaId).CreateAsync(brandId, Profile, null);
        var agent = fixture.Grains.GetAgent(tenant, PrefixedId.New<VoicePlatform.Agents.AgentId>());
        var created = await agent.CreateAsync(personaId, new VoicePlatform.Agents.AgentSettings { Name = "A" });
        Assert.Equal(brandId, created.Value!.Brand.Id);
        Assert.Equal((await fixture.Grains.GetPersona(tenant, personaId).GetAsync())!.BrandId, (await agent.GetAsync())!.Brand.Id);
    }
}
