using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

/// <summary>Trunks, numbers, brands and agents for the telephony tests.</summary>
public static class TelephonyTestData
{
    public static object Trunk(string name = "Main trunk", string[]? numbers = null) => new
    {
        liveKitTrunkId = LiveKitTrunkId(),
        name,
        numbers = numbers ?? [],
        maxConcurrentCalls = 20,
        callsPerSecond = 2.5,
    };

    /// <summary>
    /// A new outbound trunk id as LiveKit gives them, and the trunk itself put into the LiveKit emulator of every test host
    /// running (as an operator would have made it in LiveKit): the platform attaches a trunk only after finding it there.
    /// </summary>
    public static string LiveKitTrunkId(string prefix = "")
    {
        var id = "ST_" + prefix + Guid.NewGuid().ToString("N")[..12];
        foreach (var host in ApiHostFixture.Running.Values)
        {
            if (host.App.Services.GetService<VoicePlatform.ApiHost.Hosting.EmbeddedLiveKitEmulator>() is not { } emulator) continue;
            emulator.Services.GetRequiredService<VoicePlatform.LiveKitEmulator.Sip.SipTrunkStore>().Add(new VoicePlatform.LiveKitEmulator.Sip.SipTrunk(
                id, "test trunk", "", "sip.example.test", "SIP_TRANSPORT_AUTO", ["+15550100000"], "", "", new Dictionary<string, string>(), ""));
        }
        return id;
    }

    public static async Task<string> CreateTrunkAsync(this HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("api/sip-trunks", body ?? Trunk());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateNumberAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("api/phone-numbers", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<int> CountAsync(this HttpClient client, string path)
    {
        var page = await (await client.GetAsync(path)).ReadJsonAsync();
        return page.GetProperty("items").GetArrayLength();
    }

    public static IGrainFactory Grains(this ApiHostFixture host) => host.App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<string> CreateBrandAsync(this ApiHostFixture host, string tenantId)
    {
        var brand = PrefixedId.New<BrandId>();
        await host.Grains().GetBrand(TenantId.Parse(tenantId), brand).CreateAsync(new BrandProfile { CompanyName = "Acme" });
        return brand.Value;
    }

    /// <summary>A real agent: a brand, a persona in it from the library, and an agent built from that persona.</summary>
    public static async Task<string> CreateAgentAsync(this ApiHostFixture host, string tenantId, AgentStatus status = AgentStatus.Draft)
    {
        var tenant = TenantId.Parse(tenantId);
        var brand = PrefixedId.New<BrandId>();
        var persona = PrefixedId.New<VoicePlatform.Personas.PersonaId>();
        var agent = PrefixedId.New<AgentId>();
        await host.Grains().GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Acme" });
        await host.Grains().GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        var created = await host.Grains().GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller", Status = status });
        Assert.Equal(WriteOutcome.Created, created.Outcome);
        return agent.Value;
    }
}
