using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Infrastructure;

using static VoicePlatform.Tests.Webhooks.WebhookTestSupport;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>
/// A busy platform's scrape — a campaign dialing, calls answered and ended, money moving, webhooks delivered — shows each
/// of the operator's figures, with bounded labels only, and passes <c>promtool check metrics</c> whole.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class BusyPlatformMetricsTests(WebhookFixture host)
{
    private static readonly HashSet<string> BoundedLabels =
        ["direction", "end_reason", "method", "outcome", "event", "verdict", "kind", "status", "reason", "result", "le"];

    private static string Ours(string scrape) => string.Join("\n", scrape.Split('\n').Where(l => l.StartsWith("voiceplatform_", StringComparison.Ordinal) && !l.Contains("_bucket")));

    [Fact]
    public async Task ARunningCampaignShowsOnMetricsAndTheWholeScrapePassesPromtool()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        await using var receiver = await WebhookReceiver.StartAsync();
        await tenant.Admin.RegisterAsync(receiver.Url);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 2);
        await tenant.ImportAsync(campaign, Enumerable.Range(0, 3).Select(i => $"+1212{500 + i}{CampaignDialingFixture.Answers}"));
        await tenant.CommandAsync(campaign, "start");
        // While it runs: the running gauge counts it.
        var running = await host.AsOperator().GetStringAsync("metrics");
        await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "completed");
        await receiver.WaitForAsync(all => all.Any(w => w.Type == "campaign.completed"), TimeSpan.FromSeconds(30));
        var scrape = await host.AsOperator().GetStringAsync("metrics");

        Assert.True(MetricsLint.Value(running, "voiceplatform_campaigns_running") + MetricsLint.Value(scrape, "voiceplatform_campaigns_transitions", "status=\"running\"") >= 1, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_campaigns_dials", "verdict=\"placed\"") >= 3, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_campaigns_transitions", "status=\"completed\"") >= 1, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_campaigns_pacing_lag_seconds_count") >= 1, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_calls_ended", "end_reason=\"completed\"") >= 3, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_calls_setup_duration_seconds_count") >= 3, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_webhooks_deliveries", "result=\"delivered\"") >= 1, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_webhooks_delivery_duration_seconds_count") >= 1, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_wallet_operations", "kind=\"reserve\",status=\"applied\"") >= 3, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_livekit_request_duration_seconds_count", "method=\"CreateSIPParticipant\"") >= 3, Ours(scrape));
        Assert.True(MetricsLint.Value(scrape, "voiceplatform_livekit_webhooks_received") >= 1, Ours(scrape));
        Assert.Contains("system_runtime_dotnet_thread_pool_threads", scrape);
        Assert.Contains("microsoft_orleans_", scrape);

        Assert.All(MetricsLint.LabelNames(scrape, "voiceplatform_"), label => Assert.Contains(label, BoundedLabels));
        Assert.DoesNotContain(tenant.Id, scrape);
        Assert.DoesNotContain(campaign, scrape);
        await MetricsLint.AssertCleanAsync(scrape);

        // Every metric the shipped dashboard and alert rules query is in the scrape (a renamed metric breaks them silently).
        var families = scrape.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();
        foreach (var name in await VoicePlatform.Tests.Hosting.ObservabilityAssetsTests.MetricNamesQueriedAsync())
        {
            var family = name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^7] : name.EndsWith("_count", StringComparison.Ordinal) ? name[..^6] : name;
            Assert.True(families.Contains(family) || families.Contains(name), $"{name} is queried by the dashboard or the alerts but not exported");
        }
    }
}
