using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>A tenant ready to call in a benchmark: the price book, money, an active agent and a caller id on a trunk in the emulator.</summary>
public sealed record BenchTenant(TenantId Id, AgentId Agent)
{
    public static async Task<BenchTenant> CreateAsync(BenchSilo silo, string callerId, int concurrencyLimit = 10, long balance = 100_000_000,
        int trunkChannels = 1_000, double trunkCallsPerSecond = 100)
    {
        var grains = silo.Grains;
        var tenant = TenantId.New();
        await grains.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Bench", Settings = TenantSettings.Default with { ConcurrencyLimit = concurrencyLimit } });
        await grains.GetPriceBook(DefaultPriceBook.Currency).PublishAsync(DefaultPriceBook.Publish);
        await grains.GetWallet(tenant).CreditAsync(new WalletCredit { Kind = CreditKind.TopUp, Amount = balance, IdempotencyKey = "bench-top-up", Actor = "operator" });
        var (brand, persona, agent, trunk) = (PrefixedId.New<BrandId>(), PrefixedId.New<PersonaId>(), PrefixedId.New<AgentId>(), PrefixedId.New<SipTrunkId>());
        await grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Bench Co" });
        await grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        await grains.GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller", Status = AgentStatus.Active });
        var liveKitTrunk = await silo.Services.GetRequiredService<LiveKitClient>()
            .CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "bench", Address = "sip.example.test", Numbers = [callerId] });
        await grains.GetSipTrunk(tenant, trunk).CreateAsync(new SipTrunkSettings
        {
            LiveKitTrunkId = liveKitTrunk.SipTrunkId!, Name = "Main", Numbers = [callerId], MaxConcurrentCalls = trunkChannels, CallsPerSecond = trunkCallsPerSecond,
        });
        await grains.GetPhoneNumber(tenant, PrefixedId.New<PhoneNumberId>()).CreateAsync(new PhoneNumberSettings { Number = callerId, AssignedAgentId = agent, TrunkId = trunk });
        return new BenchTenant(tenant, agent);
    }
}
