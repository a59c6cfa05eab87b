using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.LiveKitEmulator;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Cluster;

/// <summary>A tenant ready to place calls on a test cluster: the price book, money, an active agent and a caller id.</summary>
public sealed record ClusterCaller(TenantId Tenant, AgentId Agent, string CallerId)
{

    /// <summary>The cluster properties that give its silos the emulator as LiveKit.</summary>
    public static Dictionary<string, string> LiveKitProperties(EmulatorUnderTest emulator) => new()
    {
        ["LiveKit:Url"] = emulator.BaseUrl,
        ["LiveKit:ApiKey"] = TestTokens.ApiKey,
        ["LiveKit:ApiSecret"] = TestTokens.ApiSecret,
    };

    public static LiveKitClient LiveKitClientFor(EmulatorUnderTest emulator) => new(new HttpClient(),
        Options.Create(new LiveKitOptions { Url = emulator.BaseUrl, ApiKey = TestTokens.ApiKey, ApiSecret = TestTokens.ApiSecret }),
        TimeProvider.System, NullLogger<LiveKitClient>.Instance);

    public static async Task<ClusterCaller> CreateAsync(IGrainFactory grains, LiveKitClient liveKit, long openingBalance)
    {
        var tenant = TenantId.New();
        var brand = PrefixedId.New<BrandId>();
        var persona = PrefixedId.New<PersonaId>();
        var agent = PrefixedId.New<AgentId>();
        var trunk = PrefixedId.New<SipTrunkId>();
        // Each tenant its own caller id: a number belongs to one tenant on the whole platform.
        var callerId = VoicePlatform.Tests.Telephony.TestNumbers.Next();
        var liveKitTrunk = await liveKit.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = [callerId] });
        await grains.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Caller Co", Settings = TenantSettings.Default });
        await grains.GetPriceBook(DefaultPriceBook.Currency).PublishAsync(DefaultPriceBook.Publish);
        await grains.GetWallet(tenant).CreditAsync(new WalletCredit { Kind = CreditKind.TopUp, Amount = openingBalance, IdempotencyKey = "top-up", Actor = "operator" });
        await grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Caller Co" });
        await grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        await grains.GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller", Status = AgentStatus.Active });
        await grains.GetSipTrunk(tenant, trunk).CreateAsync(new SipTrunkSettings
        {
            LiveKitTrunkId = liveKitTrunk.SipTrunkId!, Name = "Main", Numbers = [callerId], MaxConcurrentCalls = 50, CallsPerSecond = 10,
        });
        await grains.GetPhoneNumber(tenant, PrefixedId.New<PhoneNumberId>()).CreateAsync(new PhoneNumberSettings { Number = callerId, AssignedAgentId = agent, TrunkId = trunk });
        return new ClusterCaller(tenant, agent, callerId);
    }
}
