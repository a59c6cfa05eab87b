using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Calls;

/// <summary>A cluster without LiveKit settings says so instead of pretending to dial.</summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class CallGrainWithoutLiveKitTests(MemoryClusterFixture fixture)
{
    [Fact]
    public async Task ACallPlacedWithoutLiveKitEndsFailedSayingTelephonyIsNotConfigured()
    {
        var tenant = TenantId.New();
        var brand = PrefixedId.New<BrandId>();
        var persona = PrefixedId.New<PersonaId>();
        var agent = PrefixedId.New<AgentId>();
        await fixture.Grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Acme" });
        await fixture.Grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        await fixture.Grains.GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller", Status = AgentStatus.Active });

        var call = fixture.Grains.GetCall(tenant, PrefixedId.New<CallId>());
        var request = new PlaceCall { AgentId = agent, To = "+15125550111" };
        var placed = await call.PlaceAsync(request);

        Assert.Equal(WriteOutcome.Created, placed.Outcome);
        Assert.Equal(CallStatus.Ended, placed.Value!.Status);
        Assert.Equal(CallEndReason.Failed, placed.Value.EndReason);
        Assert.Equal("telephony is not configured", placed.Value.EndDetail);
        Assert.Equivalent(placed.Value, (await call.PlaceAsync(request)).Value, strict: true);
        Assert.Equal(WriteOutcome.Conflict, (await call.PlaceAsync(request with { To = "+15125550122" })).Outcome);
    }

    [Fact]
    public async Task ADraftAgentCannotPlaceACall()
    {
        var tenant = TenantId.New();
        var brand = PrefixedId.New<BrandId>();
        var persona = PrefixedId.New<PersonaId>();
        var agent = PrefixedId.New<AgentId>();
        await fixture.Grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Acme" });
        await fixture.Grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        await fixture.Grains.GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller" });

        var call = fixture.Grains.GetCall(tenant, PrefixedId.New<CallId>());
        var placed = await call.PlaceAsync(new PlaceCall { AgentId = agent, To = "+15125550111" });
        Assert.Equal(WriteOutcome.InvalidReference, placed.Outcome);
        Assert.Equal("agentId", placed.Field);
        Assert.Null(await call.GetAsync());
    }
}
