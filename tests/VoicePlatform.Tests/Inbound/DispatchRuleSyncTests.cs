using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// A number's dispatch rule on LiveKit (the embedded emulator, over its Twirp API): created with the number, the one an
/// earlier create left behind (its answer lost) taken over rather than doubled, another's rule for the number never
/// overwritten, and the rule gone with the number.
/// </summary>
[Collection(InboundCallsCollection.Name)]
public sealed class DispatchRuleSyncTests(InboundCallsFixture host)
{
    [Fact]
    public async Task ARuleAnEarlierCreateLeftIsTakenOverAndAnothersIsLeftAlone()
    {
        var tenant = await host.CreateTenantAsync();
        var tenantId = TenantId.Parse(tenant.Id);
        var agent = VoicePlatform.Common.PrefixedId.Parse<VoicePlatform.Agents.AgentId>(await host.CreateAgentAsync(tenant.Id, VoicePlatform.Agents.AgentStatus.Active));
        var liveKit = host.Client();

        // A create whose answer was lost: LiveKit has the rule, named for the number, the platform never heard its id.
        var (number, e164) = (PrefixedId.New<PhoneNumberId>(), TestNumbers.Next());
        var orphan = await liveKit.CreateSipDispatchRuleAsync(InboundDispatchRules.For(tenantId, number, e164, "voiceplatform-agent"));
        var created = await host.Grains().GetPhoneNumber(tenantId, number).CreateAsync(new PhoneNumberSettings { Number = e164, Inbound = new InboundRouting { AgentId = agent } });
        Assert.Equal(orphan.SipDispatchRuleId, created.Value!.LiveKitDispatchRuleId);
        Assert.Single(await liveKit.ListSipDispatchRulesAsync(), r => r.Numbers.Contains(e164));

        // Someone else's rule for a number: LiveKit refuses a second one, and the platform does not take it over.
        var (taken, takenE164) = (PrefixedId.New<PhoneNumberId>(), TestNumbers.Next());
        var foreign = await liveKit.CreateSipDispatchRuleAsync(new LiveKitSipDispatchRule
        {
            Name = "made by hand", Numbers = [takenE164], Rule = new LiveKitSipDispatchRuleKind { DispatchRuleIndividual = new LiveKitSipDispatchRuleIndividual { RoomPrefix = "other" } },
        });
        var refused = await host.Grains().GetPhoneNumber(tenantId, taken).CreateAsync(new PhoneNumberSettings { Number = takenE164, Inbound = new InboundRouting { AgentId = agent } });
        Assert.Null(refused.Value!.LiveKitDispatchRuleId);
        Assert.Equal("made by hand", Assert.Single(await liveKit.ListSipDispatchRulesAsync(), r => r.Numbers.Contains(takenE164)).Name);

        // The number goes, and its rule with it; the foreign one stays.
        await host.Grains().GetPhoneNumber(tenantId, number).DeleteAsync(null);
        Assert.DoesNotContain(await liveKit.ListSipDispatchRulesAsync(), r => r.SipDispatchRuleId == orphan.SipDispatchRuleId);
        await host.Grains().GetPhoneNumber(tenantId, taken).DeleteAsync(null);
        Assert.Contains(await liveKit.ListSipDispatchRulesAsync(), r => r.SipDispatchRuleId == foreign.SipDispatchRuleId);
        await liveKit.DeleteSipDispatchRuleAsync(foreign.SipDispatchRuleId!);
    }
}
