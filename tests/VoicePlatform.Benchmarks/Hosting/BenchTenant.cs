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

/// <summary>
/// A tenant ready to call in a benchmark: the price book, money, an active agent and a caller id on a trunk in the
/// emulator — or several trunks, each with its own caller id (<see cref="Lines"/>), when the calls wanted per second
/// exceed what one trunk may carry (<see cref="TelephonyRules.MaxCallsPerSecond"/>), as a high-volume dialer spreads
/// its traffic over trunks.
/// </summary>
public sealed record BenchTenant(TenantId Id, AgentId Agent, IReadOnlyList<BenchLine> Lines)
{
    public static async Task<BenchTenant> CreateAsync(BenchSilo silo, string callerId, int concurrencyLimit = 10, long balance = 100_000_000,
        int trunkChannels = 1_000, double trunkCallsPerSecond = 100, int trunks = 1)
    {
        var grains = silo.Grains;
        var tenant = TenantId.New();
        await grains.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Bench", Settings = TenantSettings.Default with { ConcurrencyLimit = concurrencyLimit } });
        await grains.GetPriceBook(DefaultPriceBook.Currency).PublishAsync(DefaultPriceBook.Publish);
        await grains.GetWallet(tenant).CreditAsync(new WalletCredit { Kind = CreditKind.TopUp, Amount = balance, IdempotencyKey = "bench-top-up", Actor = "operator" });
        var (brand, persona, agent) = (PrefixedId.New<BrandId>(), PrefixedId.New<PersonaId>(), PrefixedId.New<AgentId>());
        await grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Bench Co" });
        await grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        await grains.GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller", Status = AgentStatus.Active });
        var lines = new List<BenchLine>();
        for (var t = 0; t < trunks; t++)
        {
            // The first trunk's number is the agent's own (calls without a caller-id list resolve to it); the others
            // take the next exchanges of the same area code (+1 NPA NXX XXXX).
            var number = t == 0 ? callerId : $"{callerId[..5]}{int.Parse(callerId[5..8]) + t}{callerId[8..]}";
            var trunk = PrefixedId.New<SipTrunkId>();
            var liveKitTrunk = await silo.Services.GetRequiredService<LiveKitClient>()
                .CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = $"bench {t}", Address = "sip.example.test", Numbers = [number] });
            await grains.GetSipTrunk(tenant, trunk).CreateAsync(new SipTrunkSettings
            {
                LiveKitTrunkId = liveKitTrunk.SipTrunkId!, Name = $"Main {t}", Numbers = [number], MaxConcurrentCalls = trunkChannels, CallsPerSecond = trunkCallsPerSecond,
            });
            var numberId = PrefixedId.New<PhoneNumberId>();
            var created = await grains.GetPhoneNumber(tenant, numberId).CreateAsync(new PhoneNumberSettings { Number = number, AssignedAgentId = t == 0 ? agent : null, TrunkId = trunk });
            if (created.Outcome != WriteOutcome.Created) throw new InvalidOperationException($"number {number} not created: {created.Outcome} {created.Detail}");
            lines.Add(new BenchLine(trunk, numberId));
        }
        return new BenchTenant(tenant, agent, lines);
    }
}

/// <summary>A trunk of a benchmark tenant and the caller-id number on it.</summary>
public sealed record BenchLine(SipTrunkId Trunk, PhoneNumberId Number);
