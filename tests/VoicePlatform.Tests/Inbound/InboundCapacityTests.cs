using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;
using static VoicePlatform.Tests.Inbound.InboundTestSupport;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// A tenant's lines shared between a running campaign and callers: the campaign stays out of the slots reserved for
/// inbound calls, callers beyond the tenant's limits are turned away (busy), and a freed line takes the next caller.
/// On the campaign host, whose agent worker stays silent, so every answered call lasts until someone hangs up.
/// </summary>
[Collection(CampaignDialingCollection.Name)]
public sealed class InboundCapacityTests(CampaignDialingFixture host)
{
    [Fact]
    public async Task TheReservationAndTheCapsHoldWhileACampaignRuns()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        using (var op = host.AsOperator())
        {
            var patched = await op.PatchAsJsonAsync($"api/operator/tenants/{tenant.Id}",
                new { settings = new { concurrencyLimit = 4, inboundConcurrencyLimit = 3, inboundReservedCalls = 2 } });
            Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
        }
        var number = TestNumbers.Next();
        await tenant.Admin.CreateNumberAsync(new { number, label = "Reception", inbound = new { agentId = tenant.AgentId } });
        var inbound = new InboundTenant(tenant.Id, tenant.Admin, tenant.AgentId, "", number);

        // The campaign wants ten lines and gets the four minus the two reserved.
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 10);
        await tenant.ImportAsync(campaign, Enumerable.Range(0, 12).Select(i => $"+1212{700 + i}{CampaignDialingFixture.LongCall}"));
        await tenant.CommandAsync(campaign, "start");
        await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 2);
        Assert.Equal("tenant-concurrency-limit", (await tenant.GetCampaignAsync(campaign)).NotDialingReason());

        // Two callers take the reserved lines; a third finds the tenant's four in use.
        var first = await host.RingAsync("+15125550101", number, hangUpAfterSeconds: 300);
        var second = await host.RingAsync("+15125550102", number, hangUpAfterSeconds: 300);
        foreach (var rung in new[] { first, second }) await inbound.WaitForCallAsync(rung, c => c.GetProperty("status").GetString() == "answered");
        var third = await host.RingAsync("+15125550103", number, hangUpAfterSeconds: 300);
        var turnedAway = await inbound.WaitForCallAsync(third, Ended);
        Assert.Equal("rejected", turnedAway.GetProperty("endReason").GetString());
        Assert.Contains("concurrency limit", turnedAway.GetProperty("endDetail").GetString());
        Assert.True((await tenant.GetCampaignAsync(campaign)).LiveCalls() <= 2);

        // A caller hangs up: the line goes to the next caller, not to the campaign.
        await tenant.Admin.PostAsync($"api/calls/{CallIdOf(first)}/hangup", null);
        await inbound.WaitForCallAsync(first, Ended);
        var fourth = await host.RingAsync("+15125550104", number, hangUpAfterSeconds: 300);
        await inbound.WaitForCallAsync(fourth, c => c.GetProperty("status").GetString() == "answered");
        Assert.True((await tenant.GetCampaignAsync(campaign)).LiveCalls() <= 2);

        await tenant.Admin.PostAsync($"api/campaigns/{campaign}/cancel?hangUpLiveCalls=true", null);
        foreach (var rung in new[] { second, fourth }) await tenant.Admin.PostAsync($"api/calls/{CallIdOf(rung)}/hangup", null);
    }

    [Fact]
    public async Task CallersBeyondTheInboundCapAreTurnedAwayAndAFreedLineTakesTheNext()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        using (var op = host.AsOperator())
            Assert.True((await op.PatchAsJsonAsync($"api/operator/tenants/{tenant.Id}", new { settings = new { inboundConcurrencyLimit = 2 } })).IsSuccessStatusCode);
        var number = TestNumbers.Next();
        await tenant.Admin.CreateNumberAsync(new { number, label = "Reception", inbound = new { agentId = tenant.AgentId } });
        var inbound = new InboundTenant(tenant.Id, tenant.Admin, tenant.AgentId, "", number);

        // A flood: eight callers at once against a cap of two.
        var flood = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => host.RingAsync($"+1512555020{i}", number, hangUpAfterSeconds: 300)));
        var calls = new List<JsonElement>();
        foreach (var rung in flood) calls.Add(await inbound.WaitForCallAsync(rung, c => c.GetProperty("status").GetString() is "answered" or "ended"));
        Assert.Equal(2, calls.Count(c => c.GetProperty("status").GetString() == "answered"));
        Assert.All(calls.Where(Ended), c => Assert.Contains("concurrency limit", c.GetProperty("endDetail").GetString()));

        foreach (var rung in flood) await tenant.Admin.PostAsync($"api/calls/{CallIdOf(rung)}/hangup", null);
    }
}
