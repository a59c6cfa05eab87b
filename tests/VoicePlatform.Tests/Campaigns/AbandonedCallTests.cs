using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Tests.Calls;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// Abandoned AI calls end to end: half the dispatches find no agent worker, so half the answered calls have no agent
/// in the room; the campaign slows its dialing, then pauses itself for its abandon rate, and reports the 30-day figure.
/// </summary>
[Collection(CampaignAbandonCollection.Name)]
public sealed class AbandonedCallTests(CampaignAbandonFixture host)
{
    [Fact]
    public async Task AbandonedCallsSlowTheCampaignThenPauseItAndTheRateIsReported()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 10, perMinute: 120);
        // Calls of three seconds: a callee who hangs up within two is never counted abandoned.
        var phones = Enumerable.Range(0, 60).Select(i => $"+1212{i + 200:000}{CampaignDialingFixture.ThreeSecondCall}").ToList();
        await tenant.ImportAsync(campaign, phones);
        await tenant.CommandAsync(campaign, "start");

        var slowed = false;
        var paused = await tenant.WaitForCampaignAsync(campaign, c =>
        {
            slowed |= c.Status() == "running" && c.GetProperty("progress").GetProperty("currentDialsPerMinute").GetInt32() < 120;
            return c.Status() == "paused";
        });
        Assert.True(slowed, "the campaign never slowed before it paused");
        Assert.Equal("abandon-rate", paused.GetProperty("pausedFor").GetString());
        Assert.Equal("abandon-rate", paused.NotDialingReason());
        Assert.Contains("abandoned", paused.GetProperty("statusDetail").GetString());
        var idle = await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 0);

        // A new activation steers by the same recent window: it is read back from the leads' attempts, not started empty.
        Assert.True(idle.GetProperty("progress").GetProperty("recentAbandonRatePercent").GetDouble() > 3);
        await host.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reactivated = (await tenant.WaitForCampaignAsync(campaign, c => true)).GetProperty("progress").GetProperty("recentAbandonRatePercent");
        Assert.Equal(JsonValueKind.Number, reactivated.ValueKind);
        Assert.True(reactivated.GetDouble() > 3, $"recent abandon rate after reactivation: {reactivated}");

        // The reported figure is the leads' own: abandoned of answered attempts.
        var attempts = (await tenant.LeadsAsync(campaign)).SelectMany(l => l.GetProperty("attemptLog").EnumerateArray()).ToList();
        var answered = attempts.Where(a => a.GetProperty("answeredAt").ValueKind == JsonValueKind.String).ToList();
        var abandoned = answered.Count(a => a.GetProperty("abandoned").GetBoolean());
        Assert.InRange(abandoned, 1, answered.Count - 1);
        var progress = idle.GetProperty("progress");
        Assert.Equal(answered.Count, progress.GetProperty("answeredLast30Days").GetInt32());
        Assert.Equal(Math.Round(100.0 * abandoned / answered.Count, 2), progress.GetProperty("abandonRatePercent30Days").GetDouble(), 2);
        Assert.True(progress.GetProperty("abandonRatePercent30Days").GetDouble() > 3);
        // Paused before the list was done: leads wait for a person to resume.
        Assert.True(answered.Count < phones.Count);
        await tenant.CommandAsync(campaign, "cancel");
    }
}
