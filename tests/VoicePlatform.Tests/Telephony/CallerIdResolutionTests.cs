using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using System.Net.Http.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

[Collection(ApiHostCollection.Name)]
public sealed class CallerIdResolutionTests(ApiHostFixture host)
{
    [Fact]
    public async Task OnlyTheTenantsOwnAssignedActiveNumberIsEverResolved()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        var other = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        using var otherAdmin = host.WithKey(other.AdminKey);
        var brand = await host.CreateBrandAsync(tenant.Id);
        var agent = await host.CreateAgentAsync(tenant.Id);
        var trunk = await admin.CreateTrunkAsync();
        var unassigned = await admin.CreateNumberAsync(new { number = n.Us(0), trunkId = trunk });
        var brandNumber = await admin.CreateNumberAsync(new { number = n.Us(1), trunkId = trunk, assignedBrandId = brand });
        var agentNumber = await admin.CreateNumberAsync(new { number = n.Us(2), trunkId = trunk, assignedBrandId = brand, assignedAgentId = agent });
        var theirs = await otherAdmin.CreateNumberAsync(new { number = n.Us(3), trunkId = await otherAdmin.CreateTrunkAsync() });

        var directory = host.Grains().GetTelephonyDirectory(TenantId.Parse(tenant.Id));
        var brandId = PrefixedId.Parse<BrandId>(brand);
        var agentId = PrefixedId.Parse<AgentId>(agent);

        var forAgent = await directory.ResolveCallerIdAsync(null, brandId, agentId);
        Assert.Equal(CallerIdOutcome.Resolved, forAgent.Outcome);
        Assert.Equal(agentNumber, forAgent.NumberId?.Value);
        Assert.Equal(trunk, forAgent.TrunkId?.Value);
        Assert.StartsWith("ST_", forAgent.LiveKitTrunkId);

        var forBrand = await directory.ResolveCallerIdAsync(null, brandId, null);
        Assert.Equal(brandNumber, forBrand.NumberId?.Value);

        var preferred = await directory.ResolveCallerIdAsync(PrefixedId.Parse<PhoneNumberId>(unassigned), brandId, agentId);
        Assert.Equal(n.Us(0), preferred.Number);

        // Never another tenant's number, never "any active number" when nothing is assigned.
        Assert.Equal(CallerIdOutcome.NoCallerId, (await directory.ResolveCallerIdAsync(PrefixedId.Parse<PhoneNumberId>(theirs), null, null)).Outcome);
        Assert.Equal(CallerIdOutcome.NoCallerId, (await directory.ResolveCallerIdAsync(null, PrefixedId.New<BrandId>(), null)).Outcome);
        Assert.Equal(CallerIdOutcome.NoCallerId, (await directory.ResolveCallerIdAsync(null, null, PrefixedId.New<AgentId>())).Outcome);
        var none = await directory.ResolveCallerIdAsync(null, null, null);
        Assert.Equal(CallerIdOutcome.NoCallerId, none.Outcome);
        Assert.Null(none.Number);
        Assert.False(string.IsNullOrEmpty(none.Reason));
    }

    [Fact]
    public async Task ASuspendedNumberOrADisabledTrunkGivesNoCallerId()
    {
        var n = TestNumbers.Block();
        var tenant = await host.CreateTenantAsync();
        using var admin = host.WithKey(tenant.AdminKey);
        var brand = await host.CreateBrandAsync(tenant.Id);
        var trunk = await admin.CreateTrunkAsync(TelephonyTestData.Trunk("Only listed", [n.Us(0)]));
        var listed = await admin.CreateNumberAsync(new { number = n.Us(0), trunkId = trunk, assignedBrandId = brand });
        var directory = host.Grains().GetTelephonyDirectory(TenantId.Parse(tenant.Id));
        var brandId = PrefixedId.Parse<BrandId>(brand);
        Assert.Equal(listed, (await directory.ResolveCallerIdAsync(null, brandId, null)).NumberId?.Value);

        // A number the trunk does not list is never presented through it.
        await admin.CreateNumberAsync(new { number = n.Us(1), trunkId = trunk });
        var unlisted = await directory.ResolveCallerIdAsync(null, null, null);
        Assert.Equal(CallerIdOutcome.NoCallerId, unlisted.Outcome);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PutAsJsonAsync($"api/phone-numbers/{listed}",
            new { number = n.Us(0), trunkId = trunk, assignedBrandId = brand, status = "suspended" })).StatusCode);
        Assert.Equal(CallerIdOutcome.NoCallerId, (await directory.ResolveCallerIdAsync(null, brandId, null)).Outcome);

        await admin.PutAsJsonAsync($"api/phone-numbers/{listed}", new { number = n.Us(0), trunkId = trunk, assignedBrandId = brand });
        Assert.Equal(CallerIdOutcome.Resolved, (await directory.ResolveCallerIdAsync(null, brandId, null)).Outcome);
        await admin.PutAsJsonAsync($"api/sip-trunks/{trunk}", new
        {
            liveKitTrunkId = TelephonyTestData.LiveKitTrunkId("disabled"), name = "Off", numbers = new[] { n.Us(0) }, maxConcurrentCalls = 1, callsPerSecond = 1, status = "disabled",
        });
        Assert.Equal(CallerIdOutcome.NoCallerId, (await directory.ResolveCallerIdAsync(null, brandId, null)).Outcome);
    }
}
