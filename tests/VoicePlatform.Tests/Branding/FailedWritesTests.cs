using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Personas;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Branding;

/// <summary>When a persona's or agent's own state cannot be written, the tenant catalog is left as it was.</summary>
public sealed class FailedWritesTests(FailingStorageCluster cluster) : IClassFixture<FailingStorageCluster>
{

    [Fact]
    public async Task AFailedPersonaOrAgentWriteLeavesNoCatalogEntryBehind()
    {
        var grains = cluster.Grains;
        var tenant = TenantId.New();
        var brand = PrefixedId.New<BrandId>();
        await grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Fragile" });

        var doomedPersona = PrefixedId.New<PersonaId>();
        FailingStorage.FailWritesOf(TenantScopedKey.Format(tenant, doomedPersona));
        var profile = new PersonaProfile { Name = "Ava", Role = "Receptionist", Instructions = "Help.", Voice = new PersonaVoice { Provider = "openai", VoiceId = "coral" } };
        await Assert.ThrowsAnyAsync<Exception>(() => grains.GetPersona(tenant, doomedPersona).CreateAsync(brand, profile, null));
        Assert.Empty((await grains.GetCatalog(tenant).ListPersonasAsync(brand, null, 10)).Items);

        var persona = PrefixedId.New<PersonaId>();
        await grains.GetPersona(tenant, persona).CreateAsync(brand, profile, null);
        var doomedAgent = PrefixedId.New<AgentId>();
        FailingStorage.FailWritesOf(TenantScopedKey.Format(tenant, doomedAgent));
        await Assert.ThrowsAnyAsync<Exception>(() => grains.GetAgent(tenant, doomedAgent).CreateAsync(persona, new AgentSettings { Name = "A" }));
        Assert.Empty((await grains.GetCatalog(tenant).ListAgentsAsync(brand, null, null, 10)).Items);
        Assert.Equal(0, (await grains.GetPersona(tenant, persona).GetAsync())!.AgentCount);

        // With nothing left behind, the persona can be deleted and the brand archived.
        Assert.Equal(WriteOutcome.Ok, (await grains.GetPersona(tenant, persona).DeleteAsync(null)).Outcome);
        Assert.Equal(WriteOutcome.Ok, (await grains.GetBrand(tenant, brand).ArchiveAsync(null)).Outcome);
    }

    [Fact]
    public async Task AFailedNumberOrTrunkWriteGivesItsPlatformClaimBack()
    {
        var grains = cluster.Grains;
        var (tenant, other) = (TenantId.New(), TenantId.New());
        var number = VoicePlatform.Tests.Telephony.TestNumbers.Next();
        var liveKitTrunk = "ST_fragile" + Guid.NewGuid().ToString("N")[..8];

        var doomedNumber = PrefixedId.New<PhoneNumberId>();
        FailingStorage.FailWritesOf(TenantScopedKey.Format(tenant, doomedNumber));
        await Assert.ThrowsAnyAsync<Exception>(() => grains.GetPhoneNumber(tenant, doomedNumber).CreateAsync(new PhoneNumberSettings { Number = number }));
        var doomedTrunk = PrefixedId.New<SipTrunkId>();
        FailingStorage.FailWritesOf(TenantScopedKey.Format(tenant, doomedTrunk));
        await Assert.ThrowsAnyAsync<Exception>(() => grains.GetSipTrunk(tenant, doomedTrunk).CreateAsync(
            new SipTrunkSettings { LiveKitTrunkId = liveKitTrunk, Name = "T", MaxConcurrentCalls = 1, CallsPerSecond = 1 }));

        Assert.Null((await grains.GetTelephonyClaim(TelephonyClaimKey.Number(number)).GetAsync()).Holder);
        Assert.Null((await grains.GetTelephonyClaim(TelephonyClaimKey.LiveKitTrunk(liveKitTrunk)).GetAsync()).Holder);
        // So another tenant registers both at once, with no orphan grace to wait out.
        Assert.Equal(WriteOutcome.Created, (await grains.GetPhoneNumber(other, PrefixedId.New<PhoneNumberId>()).CreateAsync(new PhoneNumberSettings { Number = number })).Outcome);
        Assert.Equal(WriteOutcome.Created, (await grains.GetSipTrunk(other, PrefixedId.New<SipTrunkId>()).CreateAsync(
            new SipTrunkSettings { LiveKitTrunkId = liveKitTrunk, Name = "T", MaxConcurrentCalls = 1, CallsPerSecond = 1 })).Outcome);
    }
}
