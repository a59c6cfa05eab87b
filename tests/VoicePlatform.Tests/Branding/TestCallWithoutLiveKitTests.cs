using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Branding;

[Collection(MemoryClusterCollection.Name)]
public sealed class TestCallWithoutLiveKitTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task ASiloWithoutLiveKitSaysSoInsteadOfPretending()
    {
        var tenant = TenantId.New();
        var brand = PrefixedId.New<BrandId>();
        var persona = PrefixedId.New<PersonaId>();
        var agent = fixture.Grains.GetAgent(tenant, PrefixedId.New<AgentId>());
        await fixture.Grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Offline" });
        await fixture.Grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "survey", null);
        await agent.CreateAsync(persona, new AgentSettings { Name = "Surveyor" });

        var result = await agent.StartTestCallAsync();
        Assert.Equal(WriteOutcome.Conflict, result.Outcome);
        Assert.Contains("LiveKit:Url", result.Detail);
        Assert.Equal(WriteOutcome.NotFound, (await fixture.Grains.GetAgent(tenant, PrefixedId.New<AgentId>()).StartTestCallAsync()).Outcome);
    }
}
