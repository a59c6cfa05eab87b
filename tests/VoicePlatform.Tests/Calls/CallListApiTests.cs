using System.Net;
using System.Text.Json;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Calls;

/// <summary>The call list and history, served from the call-record projection the call grains keep up to date.</summary>
[Collection(CallsApiCollection.Name)]
public sealed class CallListApiTests(CallsApiFixture host)
{
    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"api/calls{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task CallsAreListedNewestFirstFilteredAndPaged()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var busy = await PlaceAsync(tenant, CallsApiFixture.Busy);
        await WaitForAsync(tenant, busy, c => c.GetProperty("status").GetString() == "ended");
        var answered = await PlaceAsync(tenant, CallsApiFixture.Answers);
        await WaitForAsync(tenant, answered, c => c.GetProperty("status").GetString() == "answered");
        var third = await PlaceAsync(tenant, CallsApiFixture.Rejects);
        await WaitForAsync(tenant, third, c => c.GetProperty("status").GetString() == "ended");

        // The projection is written in the same turn as each transition, so the list agrees at once.
        var all = await ListAsync(tenant.Admin, "");
        Assert.Equal([Id(third), Id(answered), Id(busy)], all.Select(c => c.GetProperty("callId").GetString()));
        var live = Assert.Single(await ListAsync(tenant.Admin, "?status=answered"));
        Assert.Equal(Id(answered), live.GetProperty("callId").GetString());
        var ended = await ListAsync(tenant.Admin, $"?status=ended&agentId={tenant.AgentId}");
        Assert.Equal([Id(third), Id(busy)], ended.Select(c => c.GetProperty("callId").GetString()));
        Assert.Equal("busy", ended[1].GetProperty("endReason").GetString());
        Assert.Equal(486, ended[1].GetProperty("sipStatusCode").GetInt32());
        Assert.Empty(await ListAsync(tenant.Admin, "?campaignId=cmp_aaaaaaaaaaaaaaaaaaaa"));

        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await (await tenant.Admin.GetAsync($"api/calls?limit=1{(next is null ? "" : $"&after={Uri.EscapeDataString(next)}")}")).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("callId").GetString()!));
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        while (next is not null);
        Assert.Equal(all.Select(c => c.GetProperty("callId").GetString()), seen);

        var placed = DateTimeOffset.Parse(all[1].GetProperty("queuedAt").GetString()!);
        var window = await ListAsync(tenant.Admin, $"?from={Uri.EscapeDataString(placed.ToString("O"))}&to={Uri.EscapeDataString(placed.AddTicks(10).ToString("O"))}");
        Assert.Equal(Id(answered), Assert.Single(window).GetProperty("callId").GetString());

        await tenant.Admin.PostAsync($"api/calls/{Id(answered)}/hangup", null);
        Assert.Contains(Id(answered), (await ListAsync(tenant.Admin, "?status=ended")).Select(c => c.GetProperty("callId").GetString()));
    }

    [Fact]
    public async Task ABadFilterNamesTheParameter()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        foreach (var (query, field) in new[] { ("?status=dancing", "status"), ("?agentId=nope", "agentId"), ("?from=yesterday", "from"),
                     ("?from=2026-11-24T10:00:00", "from"), ("?limit=0", "limit"), ("?after=garbage", "after"),
                     ("?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z", "to") })
        {
            var problem = await (await tenant.Admin.GetAsync($"api/calls{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task ACallsHistoryNamesTheWebhookThatEndedItAndItsSipStatus()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await PlaceAsync(tenant, CallsApiFixture.Busy);
        await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        var events = (await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/events")).ReadJsonAsync()).EnumerateArray().ToList();
        var ended = events.Single(e => e.GetProperty("key").GetString()!.StartsWith("ended", StringComparison.Ordinal) && e.GetProperty("detail").GetString()!.Contains("busy"));
        Assert.Contains("SIP 486", ended.GetProperty("detail").GetString());
        Assert.Equal(["queued", "dialing"], events.Take(2).Select(e => e.GetProperty("key").GetString()));
        Assert.Empty((await (await tenant.Admin.GetAsync($"api/calls/{Id(call)}/transcript")).ReadJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task ACampaignsCallCarriesItsCampaignAndLeadIntoLiveKitAndTheList()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var campaign = PrefixedId.New<CampaignId>();
        var lead = PrefixedId.New<LeadId>();
        var id = PrefixedId.New<CallId>();
        // Campaign grains place calls this way (the public API cannot set a campaign).
        var placed = await host.Grains().GetCall(TenantId.Parse(tenant.Id), id).PlaceAsync(new PlaceCall
        {
            AgentId = PrefixedId.Parse<AgentId>(tenant.AgentId), To = CallsApiFixture.RingsLong, CampaignId = campaign, LeadId = lead,
        });
        var room = placed.Value!.RoomName;
        await WaitUntilAsync(async () => (await host.Client().ListRoomsAsync([room])).Count == 1);
        using var metadata = JsonDocument.Parse((await host.Client().ListRoomsAsync([room]))[0].Metadata);
        Assert.Equal(campaign.Value, metadata.RootElement.GetProperty("campaignId").GetString());
        Assert.Equal(lead.Value, metadata.RootElement.GetProperty("leadId").GetString());

        var listed = Assert.Single(await ListAsync(tenant.Admin, $"?campaignId={campaign.Value}"));
        Assert.Equal(id.Value, listed.GetProperty("callId").GetString());
        Assert.Equal(lead.Value, listed.GetProperty("leadId").GetString());
        await tenant.Admin.PostAsync($"api/calls/{id.Value}/hangup", null);
    }
}
