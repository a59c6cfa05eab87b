using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>A campaign on the live floor: in the snapshot while it runs, and its progress as events until it completes.</summary>
[Collection(CampaignDialingCollection.Name)]
public sealed class CampaignLiveTests(CampaignDialingFixture host)
{
    [Fact]
    public async Task ACampaignsProgressReachesTheFloorUntilItCompletes()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 3);
        // Three-second calls, three at a time: the campaign runs for two rounds of calls, at least six seconds.
        var phones = Enumerable.Range(0, 6).Select(i => $"+1212{300 + i}{CampaignDialingFixture.ThreeSecondCall}").ToList();
        await tenant.ImportAsync(campaign, phones);

        await using var floor = await LiveHubClient.ConnectAsync(host, await host.IssueKeyAsync(tenant.Id, "floor", "supervisor"));
        var events = Channel.CreateUnbounded<JsonElement>();
        floor.On<JsonElement>("event", e => events.Writer.TryWrite(e));
        await floor.InvokeAsync<JsonElement>("SubscribeTenant");
        await tenant.CommandAsync(campaign, "start");

        // A second supervisor arriving while the first calls are still talking finds it in its snapshot.
        await using var late = await LiveHubClient.ConnectAsync(host, await host.IssueKeyAsync(tenant.Id, "late", "supervisor"));
        var snapshot = await late.InvokeAsync<JsonElement>("SubscribeTenant");
        Assert.Contains(snapshot.GetProperty("campaigns").EnumerateArray(), c => c.GetProperty("id").GetString() == campaign);

        var updates = new List<JsonElement>();
        using var patience = new CancellationTokenSource(Patience * 3);
        while (!updates.Any(u => Campaign(u).GetProperty("status").GetString() == "completed"))
        {
            var e = await events.Reader.ReadAsync(patience.Token);
            if (e.GetProperty("type").GetString() == "campaign.updated") updates.Add(e);
        }

        Assert.All(updates, u => Assert.Equal(campaign, u.GetProperty("sourceId").GetString()));
        Assert.Equal("running", Campaign(updates[0]).GetProperty("status").GetString());
        var sequences = updates.Select(u => u.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var last = Campaign(updates[^1]).GetProperty("progress");
        Assert.Equal(phones.Count, last.GetProperty("leadsByStatus").GetProperty("completed").GetInt32());
        Assert.Equal(0, last.GetProperty("liveCalls").GetInt32());
    }

    private static JsonElement Campaign(JsonElement update) => update.GetProperty("payload").GetProperty("campaign");
}
