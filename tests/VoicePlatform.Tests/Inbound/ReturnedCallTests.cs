using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Http;
using static VoicePlatform.Tests.Inbound.InboundTestSupport;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// A lead of a campaign calls the tenant's number back: the call is linked to the lead, the agent gets the lead's
/// variables, the call is recorded on the lead as an inbound attempt (not a dial), the callback it had asked for is
/// satisfied, and the campaign's counters see it.
/// </summary>
[Collection(InboundCallsCollection.Name)]
public sealed class ReturnedCallTests(InboundCallsFixture host)
{
    private const string LeadPhone = "+15125550188";

    [Fact]
    public async Task ALeadCallingBackIsLinkedToItsLeadAndItsCallbackIsSatisfied()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        var asCampaignOwner = new CallTenant(tenant.Id, tenant.Admin, tenant.AgentId, "", "");
        var campaign = await asCampaignOwner.CreateCampaignAsync();
        // The lead's own column tells the emulator's agent how the conversation goes: a qualified lead.
        var csv = $"phone,name,consent_at,emulator_disposition\n{LeadPhone},Dolores,2026-11-01T10:00:00Z,qualified\n";
        var imported = await tenant.Admin.PostAsJsonAsync($"api/campaigns/{campaign}/leads", new { csv });
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        // An earlier campaign call ended with the lead asking to be called back tomorrow: the row as that call left it.
        var leads = host.App.Services.GetRequiredService<ILeadStore>();
        var row = Assert.Single(await leads.FindByPhoneAsync(TenantId.Parse(tenant.Id), LeadPhone, 5));
        var now = DateTimeOffset.UtcNow;
        var earlier = PrefixedId.New<CallId>();
        Assert.True(await leads.UpdateAsync(row with
        {
            Status = LeadStatus.RetryScheduled,
            Attempts = 1,
            LastDialedAt = now.AddHours(-1),
            NextCallableAt = now.AddDays(1),
            Disposition = CallDisposition.CallbackRequested,
            AttemptLog =
            [
                new LeadAttempt
                {
                    Number = 1, CallId = earlier, DialedAt = now.AddHours(-1), AnsweredAt = now.AddHours(-1), EndedAt = now.AddMinutes(-59),
                    EndReason = CallEndReason.Completed, Disposition = CallDisposition.CallbackRequested, Outcome = "callback-requested",
                },
            ],
            Revision = row.Revision + 1,
            UpdatedAt = now,
        }));

        var rung = await host.RingAsync(LeadPhone, tenant.Number);
        var call = await tenant.WaitForCallAsync(rung, c => Ended(c) && c.GetProperty("outcome").ValueKind == JsonValueKind.Object);
        Assert.Equal(campaign, call.GetProperty("campaignId").GetString());
        Assert.Equal(row.LeadId.Value, call.GetProperty("leadId").GetString());
        var transcript = (await (await tenant.Admin.GetAsync($"api/calls/{CallIdOf(rung)}/transcript")).ReadJsonAsync()).EnumerateArray().ToList();
        // The agent had the lead's variables: the script addresses the caller by the lead's name.
        Assert.Contains(transcript, s => s.GetProperty("text").GetString()!.Contains("Dolores"));

        JsonElement lead = default;
        await CallTestSupport.WaitUntilAsync(async () =>
            (lead = (await asCampaignOwner.LeadsAsync(campaign)).Single()).GetProperty("status").GetString() == "completed", () => lead.ToString());
        Assert.Equal(1, lead.GetProperty("attempts").GetInt32());
        var returned = lead.GetProperty("attemptLog").EnumerateArray().Last();
        Assert.Equal(CallIdOf(rung), returned.GetProperty("callId").GetString());
        Assert.Equal("inbound", returned.GetProperty("direction").GetString());
        Assert.Equal("conversation", returned.GetProperty("outcome").GetString());
        Assert.Contains("called back", returned.GetProperty("decision").GetString());
        Assert.Equal("qualified", lead.GetProperty("disposition").GetString());

        var funnel = await (await tenant.Admin.GetAsync($"api/campaigns/{campaign}/funnel")).ReadJsonAsync();
        Assert.Equal(1, funnel.GetProperty("positive").GetInt32());
        Assert.Equal(1, funnel.GetProperty("connected").GetInt32());
    }

    [Fact]
    public async Task ACallerWhoIsNoLeadIsNotLinked()
    {
        var tenant = await host.TenantWithInboundNumberAsync();
        var call = await tenant.WaitForCallAsync(await host.RingAsync("+15125550189", tenant.Number), Ended);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("leadId").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("campaignId").ValueKind);
    }
}
