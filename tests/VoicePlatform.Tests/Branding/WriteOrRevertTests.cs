using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Personas;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Branding;

/// <summary>
/// Every CRUD grain's update and delete, with its state write failing: the call fails, the grain keeps serving what
/// storage holds (the same revision, the same content), the catalog, directory and platform claims are as they were,
/// and once storage works the same request succeeds.
/// </summary>
public sealed class WriteOrRevertTests(FailingStorageCluster cluster) : IClassFixture<FailingStorageCluster>
{
    private IGrainFactory Grains => cluster.Grains;
    private readonly TenantId _tenant = TenantId.New();

    [Fact]
    public async Task BrandKeepsItsStoredStateWhenAWriteFails()
    {
        var (id, key) = Ids<BrandId>();
        var brand = Grains.GetBrand(_tenant, id);
        await brand.CreateAsync(new BrandProfile { CompanyName = "Before" });

        FailingStorage.FailWritesOf(key);
        await Assert.ThrowsAnyAsync<Exception>(() => brand.UpdateAsync(new BrandProfile { CompanyName = "After" }, 1));
        await Assert.ThrowsAnyAsync<Exception>(() => brand.ArchiveAsync(1));
        var kept = (await brand.GetAsync())!;
        Assert.Equal(("Before", 1, BrandStatus.Active), (kept.Profile.CompanyName, kept.Revision, kept.Status));
        var listed = Assert.Single((await Grains.GetCatalog(_tenant).ListBrandsAsync(null, null, null, 10)).Items, b => b.Id == id);
        // The archive's catalog step was undone: the brand still takes new personas.
        Assert.Equal(("Before", BrandStatus.Active), (listed.Name, listed.Status));
        Assert.Equal(WriteOutcome.Created, (await Grains.GetPersona(_tenant, PrefixedId.New<PersonaId>()).CreateAsync(id, PersonaNamed("P"), null)).Outcome);

        FailingStorage.HealWritesOf(key);
        var updated = await brand.UpdateAsync(new BrandProfile { CompanyName = "After" }, 1);
        Assert.Equal(("After", 2), (updated.Value!.Profile.CompanyName, updated.Value.Revision));
    }

    [Fact]
    public async Task PersonaKeepsItsStoredStateWhenAWriteFails()
    {
        var brand = await NewBrandAsync();
        var (id, key) = Ids<PersonaId>();
        var persona = Grains.GetPersona(_tenant, id);
        await persona.CreateAsync(brand, PersonaNamed("Before"), null);

        FailingStorage.FailWritesOf(key);
        await Assert.ThrowsAnyAsync<Exception>(() => persona.UpdateAsync(brand, PersonaNamed("After"), 1));
        await Assert.ThrowsAnyAsync<Exception>(() => persona.DeleteAsync(1));
        var kept = (await persona.GetAsync())!;
        Assert.Equal(("Before", 1), (kept.Profile.Name, kept.Revision));
        var listed = Assert.Single((await Grains.GetCatalog(_tenant).ListPersonasAsync(brand, null, 10)).Items);
        Assert.Equal("Before", listed.Persona.Name);

        FailingStorage.HealWritesOf(key);
        Assert.Equal(2, (await persona.UpdateAsync(brand, PersonaNamed("After"), 1)).Value!.Revision);
        Assert.Equal(WriteOutcome.Ok, (await persona.DeleteAsync(2)).Outcome);
        Assert.Empty((await Grains.GetCatalog(_tenant).ListPersonasAsync(brand, null, 10)).Items);
    }

    [Fact]
    public async Task AgentKeepsItsStoredStateWhenAWriteFails()
    {
        var brand = await NewBrandAsync();
        var persona = PrefixedId.New<PersonaId>();
        await Grains.GetPersona(_tenant, persona).CreateAsync(brand, PersonaNamed("P"), null);
        var (id, key) = Ids<AgentId>();
        var agent = Grains.GetAgent(_tenant, id);
        await agent.CreateAsync(persona, new AgentSettings { Name = "Before" });

        FailingStorage.FailWritesOf(key);
        await Assert.ThrowsAnyAsync<Exception>(() => agent.UpdateAsync(new AgentSettings { Name = "After", Status = AgentStatus.Active }, 1));
        await Assert.ThrowsAnyAsync<Exception>(() => agent.DeleteAsync(1));
        var kept = (await agent.GetAsync())!;
        Assert.Equal(("Before", AgentStatus.Draft, 1), (kept.Settings.Name, kept.Settings.Status, kept.Revision));
        var listed = Assert.Single((await Grains.GetCatalog(_tenant).ListAgentsAsync(brand, null, null, 10)).Items);
        Assert.Equal(("Before", AgentStatus.Draft), (listed.Agent.Name, listed.Agent.Status));

        FailingStorage.HealWritesOf(key);
        Assert.Equal(2, (await agent.UpdateAsync(new AgentSettings { Name = "After" }, 1)).Value!.Revision);
    }

    [Fact]
    public async Task SipTrunkKeepsItsStoredStateWhenAWriteFails()
    {
        var (id, key) = Ids<SipTrunkId>();
        var (before, after) = ("ST_before" + Guid.NewGuid().ToString("N")[..8], "ST_after" + Guid.NewGuid().ToString("N")[..8]);
        var trunk = Grains.GetSipTrunk(_tenant, id);
        await trunk.CreateAsync(Trunk(before));

        FailingStorage.FailWritesOf(key);
        await Assert.ThrowsAnyAsync<Exception>(() => trunk.UpdateAsync(Trunk(after), 1));
        await Assert.ThrowsAnyAsync<Exception>(() => trunk.DeleteAsync(1));
        var kept = (await trunk.GetAsync())!;
        Assert.Equal((before, 1), (kept.LiveKitTrunkId, kept.Revision));
        // The new LiveKit trunk's claim went back; the old one is still this trunk's, and the directory still lists it.
        Assert.Null((await Grains.GetTelephonyClaim(TelephonyClaimKey.LiveKitTrunk(after)).GetAsync()).Holder);
        Assert.Equal(id.Value, (await Grains.GetTelephonyClaim(TelephonyClaimKey.LiveKitTrunk(before)).GetAsync()).Holder?.RecordId);
        Assert.Single((await Grains.GetTelephonyDirectory(_tenant).ListTrunksAsync(null, 10)).Items, t => t.Id == id && t.LiveKitTrunkId == before);

        FailingStorage.HealWritesOf(key);
        Assert.Equal(after, (await trunk.UpdateAsync(Trunk(after), 1)).Value!.LiveKitTrunkId);
        Assert.Null((await Grains.GetTelephonyClaim(TelephonyClaimKey.LiveKitTrunk(before)).GetAsync()).Holder);
    }

    [Fact]
    public async Task PhoneNumberKeepsItsStoredStateWhenAWriteFails()
    {
        var (id, key) = Ids<PhoneNumberId>();
        var (before, after) = (Telephony.TestNumbers.Next(), Telephony.TestNumbers.Next());
        var number = Grains.GetPhoneNumber(_tenant, id);
        await number.CreateAsync(new PhoneNumberSettings { Number = before, Label = "before" });

        FailingStorage.FailWritesOf(key);
        await Assert.ThrowsAnyAsync<Exception>(() => number.UpdateAsync(new PhoneNumberSettings { Number = after, Label = "after" }, 1));
        await Assert.ThrowsAnyAsync<Exception>(() => number.DeleteAsync(1));
        var kept = (await number.GetAsync())!;
        Assert.Equal((before, "before", 1), (kept.Number, kept.Label, kept.Revision));
        Assert.Null((await Grains.GetTelephonyClaim(TelephonyClaimKey.Number(after)).GetAsync()).Holder);
        var listed = Assert.Single((await Grains.GetTelephonyDirectory(_tenant).ListNumbersAsync(new PhoneNumberFilter(), null, 10)).Items, n => n.Id == id);
        Assert.Equal(before, listed.Number);
        // The new number's reservation in the tenant's directory went back too: another record of this tenant may take it.
        Assert.Equal(WriteOutcome.Created, (await Grains.GetPhoneNumber(_tenant, PrefixedId.New<PhoneNumberId>()).CreateAsync(new PhoneNumberSettings { Number = after })).Outcome);

        FailingStorage.HealWritesOf(key);
        Assert.Equal(WriteOutcome.Ok, (await number.UpdateAsync(new PhoneNumberSettings { Number = before, Label = "after" }, 1)).Outcome);
        Assert.Equal(WriteOutcome.Ok, (await number.DeleteAsync(2)).Outcome);
        Assert.Null((await Grains.GetTelephonyClaim(TelephonyClaimKey.Number(before)).GetAsync()).Holder);
    }

    [Fact]
    public async Task CampaignKeepsItsStoredStateWhenAWriteFails()
    {
        var brand = await NewBrandAsync();
        var persona = PrefixedId.New<PersonaId>();
        await Grains.GetPersona(_tenant, persona).CreateAsync(brand, PersonaNamed("P"), null);
        var agent = PrefixedId.New<AgentId>();
        await Grains.GetAgent(_tenant, agent).CreateAsync(persona, new AgentSettings { Name = "A" });
        var (id, key) = Ids<CampaignId>();
        var campaign = Grains.GetCampaign(_tenant, id);
        var settings = new CampaignSettings
        {
            Name = "Before", AgentId = agent,
            Windows = [new CallWindow { Days = [DayOfWeek.Monday], StartMinute = 540, EndMinute = 1020 }],
        };
        await campaign.CreateAsync(settings);

        FailingStorage.FailWritesOf(key);
        await Assert.ThrowsAnyAsync<Exception>(() => campaign.UpdateAsync(settings with { Name = "After" }, 1));
        await Assert.ThrowsAnyAsync<Exception>(() => campaign.DeleteAsync(1));
        var kept = (await campaign.GetAsync())!;
        Assert.Equal(("Before", 1), (kept.Settings.Name, kept.Revision));
        Assert.Equal("Before", Assert.Single((await Grains.GetCampaignDirectory(_tenant).ListAsync(null, null, 10)).Items).Name);

        FailingStorage.HealWritesOf(key);
        Assert.Equal(2, (await campaign.UpdateAsync(settings with { Name = "After" }, 1)).Value!.Revision);
    }

    private (T Id, string GrainKey) Ids<T>() where T : struct, IPrefixedId<T>
    {
        var id = PrefixedId.New<T>();
        return (id, TenantScopedKey.Format(_tenant, id));
    }

    private async Task<BrandId> NewBrandAsync()
    {
        var brand = PrefixedId.New<BrandId>();
        await Grains.GetBrand(_tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Brand" });
        return brand;
    }

    private static PersonaProfile PersonaNamed(string name) =>
        new() { Name = name, Role = "Receptionist", Instructions = "Help.", Voice = new PersonaVoice { Provider = "openai", VoiceId = "coral" } };

    private static SipTrunkSettings Trunk(string liveKitTrunkId) =>
        new() { LiveKitTrunkId = liveKitTrunkId, Name = "T", MaxConcurrentCalls = 1, CallsPerSecond = 1 };
}
