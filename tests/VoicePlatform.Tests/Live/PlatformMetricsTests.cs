using System.Globalization;
using System.Text.RegularExpressions;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// The platform's own Prometheus figures on a real scrape after a real call: calls started and ended by end reason,
/// set-up and talk time, live calls, LiveKit requests by method, LiveKit webhooks by event and verdict, live hub
/// connections — with bounded labels only (never a tenant, call or user), and valid by <c>promtool check metrics</c>.
/// </summary>
[Collection(DemoCallsCollection.Name)]
public sealed partial class PlatformMetricsTests(DemoCallsFixture host)
{
    private static readonly HashSet<string> BoundedLabels = ["direction", "end_reason", "method", "outcome", "event", "verdict", "kind", "status", "reason", "result", "le"];

    [Fact]
    public async Task ACallShowsInThePlatformsMetricsWithBoundedLabelsOnly()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var before = await ScrapeAsync();
        await using var hub = await LiveHubClient.ConnectAsync(host, await host.IssueKeyAsync(tenant.Id, "floor", "supervisor"));

        var call = await PlaceAsync(tenant, DemoCallsFixture.Answers);
        var ended = await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        // The end's figures are recorded as the call applies it, which a loaded run may show a moment after the call
        // reads ended: scraped again until they are there (bounded by the usual patience).
        var after = await ScrapeAsync();
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            after = await ScrapeAsync();
            return Sum(after, "voiceplatform_calls_talk_duration_seconds_count") > Sum(before, "voiceplatform_calls_talk_duration_seconds_count")
                && Sum(after, "voiceplatform_calls_setup_duration_seconds_count") > Sum(before, "voiceplatform_calls_setup_duration_seconds_count")
                && Sum(after, "voiceplatform_calls_ended") > Sum(before, "voiceplatform_calls_ended");
        }, () => "the call's end in the metrics");
        // The figures below follow from an answered call; if it was not, the call itself says why.
        Assert.True(ended.TryGetProperty("answeredAt", out var answeredAt) && answeredAt.ValueKind == System.Text.Json.JsonValueKind.String, ended.ToString());

        Assert.True(Value(after, "voiceplatform_calls_started", "direction=\"outbound\"") > Value(before, "voiceplatform_calls_started", "direction=\"outbound\""));
        Assert.True(Sum(after, "voiceplatform_calls_ended") > Sum(before, "voiceplatform_calls_ended"));
        Assert.True(Sum(after, "voiceplatform_calls_setup_duration_seconds_count") > Sum(before, "voiceplatform_calls_setup_duration_seconds_count"));
        Assert.True(Sum(after, "voiceplatform_calls_talk_duration_seconds_count") > Sum(before, "voiceplatform_calls_talk_duration_seconds_count"));
        Assert.Contains("voiceplatform_calls_live{", after);
        Assert.True(Value(after, "voiceplatform_livekit_request_duration_seconds_count", "method=\"CreateSIPParticipant\",outcome=\"ok\"") >= 1);
        Assert.True(Value(after, "voiceplatform_livekit_webhooks_received", "event=\"participant_left\",verdict=\"delivered\"") >= 1);
        Assert.True(Sum(after, "voiceplatform_livehub_connections") >= 1);
        Assert.True(Value(after, "voiceplatform_wallet_operations", "kind=\"reserve\",status=\"applied\"") > Value(before, "voiceplatform_wallet_operations", "kind=\"reserve\",status=\"applied\""));

        // Only bounded labels, on every platform series.
        var ours = after.Split('\n').Where(l => l.StartsWith("voiceplatform_", StringComparison.Ordinal)).ToList();
        foreach (var line in ours)
            foreach (Match label in LabelName().Matches(line))
                Assert.True(BoundedLabels.Contains(label.Groups[1].Value), $"unbounded label in {line}");
        Assert.DoesNotContain(tenant.Id, after);
        Assert.DoesNotContain(Id(call), after);

        // The whole scrape — the platform's families, .NET's, Orleans' — passes promtool's lint.
        await MetricsLint.AssertCleanAsync(after);
    }

    private async Task<string> ScrapeAsync() => await host.AsOperator().GetStringAsync("metrics");

    private static double Value(string scrape, string name, string labels) =>
        scrape.Split('\n').Where(l => l.StartsWith($"{name}{{", StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static double Sum(string scrape, string name) =>
        scrape.Split('\n').Where(l => l.StartsWith($"{name}{{", StringComparison.Ordinal) || l.StartsWith($"{name} ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [GeneratedRegex("""[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
