using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Hosting;

/// <summary>
/// The operator's shipped assets: the Prometheus alert rules (checked and unit-tested by promtool), the scrape
/// configuration, and the Grafana dashboard — provisioned-ready (templated data source, unique ids, a 24-column grid
/// without overlaps) with every query valid PromQL. That the queries name metrics the platform exports is checked on a
/// busy platform's scrape (<c>BusyPlatformMetricsTests</c>).
/// </summary>
public sealed partial class ObservabilityAssetsTests
{
    private const string PromtoolHint = "promtool comes with Debian's prometheus package (apt-get install prometheus; .ci/run installs it).";

    [Fact]
    public async Task TheAlertRulesAreValidAndFireWhenTheyShould()
    {
        var rules = RepositoryFiles.Path("deploy/prometheus/alerts.yml");
        await PromtoolAsync(["check", "rules", rules], Path.GetDirectoryName(rules)!);
        await PromtoolAsync(["test", "rules", "alerts.test.yml"], Path.GetDirectoryName(rules)!);
        var text = await File.ReadAllTextAsync(rules);
        foreach (var alert in new[] { "VoicePlatformCallsFailing", "VoicePlatformPacingLag", "VoicePlatformWebhookDeadLetters", "VoicePlatformSiloDown" })
            Assert.Contains($"alert: {alert}", text);
    }

    [Fact]
    public async Task TheScrapeConfigurationIsValid()
    {
        var directory = Directory.CreateTempSubdirectory("prometheus-config-");
        try
        {
            foreach (var file in new[] { "prometheus.yml", "alerts.yml" })
                File.Copy(RepositoryFiles.Path($"deploy/prometheus/{file}"), Path.Combine(directory.FullName, file));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "voiceplatform-operator-key"), "vpo_example");
            await PromtoolAsync(["check", "config", "prometheus.yml"], directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheDashboardIsProvisioningReadyAndEveryQueryIsValidPromQL()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.Path("deploy/grafana/voiceplatform-dashboard.json")));
        var dashboard = document.RootElement;
        Assert.Equal("voiceplatform-overview", dashboard.GetProperty("uid").GetString());
        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()));
        Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 36);
        // The data source is chosen on import (a template variable), never a uid from someone's Grafana.
        var variable = Assert.Single(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray());
        Assert.Equal(("datasource", "datasource", "prometheus"),
            (variable.GetProperty("name").GetString(), variable.GetProperty("type").GetString(), variable.GetProperty("query").GetString()));

        var panels = dashboard.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        var occupied = new HashSet<(int, int)>();
        var queries = new List<string>();
        foreach (var panel in panels)
        {
            var grid = panel.GetProperty("gridPos");
            var (x, y, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
            Assert.True(x >= 0 && w > 0 && x + w <= 24 && h > 0, $"panel {panel.GetProperty("title")} is outside the grid");
            for (var i = x; i < x + w; i++)
                for (var j = y; j < y + h; j++)
                    Assert.True(occupied.Add((i, j)), $"panel {panel.GetProperty("title")} overlaps another at ({i},{j})");
            if (panel.GetProperty("type").GetString() == "row") continue;
            Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("description").GetString()), $"panel {panel.GetProperty("title")} explains itself");
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString());
                queries.Add(target.GetProperty("expr").GetString()!);
            }
        }
        Assert.True(queries.Count >= 20, $"{queries.Count} queries");

        // Every query parses as PromQL: promtool checks them as recording rules.
        var directory = Directory.CreateTempSubdirectory("dashboard-queries-");
        try
        {
            var file = Path.Combine(directory.FullName, "queries.yml");
            await File.WriteAllTextAsync(file, "groups:\n  - name: dashboard\n    rules:\n" + string.Concat(queries.Select((q, i) =>
                $"      - record: dashboard:query_{i}\n        expr: {JsonSerializer.Serialize(q)}\n")));
            await PromtoolAsync(["check", "rules", file], directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The metric names the dashboard's and the alerts' queries read (for the busy scrape's check).</summary>
    public static async Task<IReadOnlySet<string>> MetricNamesQueriedAsync()
    {
        var text = await File.ReadAllTextAsync(RepositoryFiles.Path("deploy/grafana/voiceplatform-dashboard.json"))
            + await File.ReadAllTextAsync(RepositoryFiles.Path("deploy/prometheus/alerts.yml"));
        return MetricName().Matches(text).Select(m => m.Value).ToHashSet();
    }

    private static async Task PromtoolAsync(string[] arguments, string directory)
    {
        var (exitCode, stdout, stderr) = await ProcessRunner.CaptureAsync("promtool", arguments, directory, null, TimeSpan.FromSeconds(60), PromtoolHint);
        Assert.True(exitCode == 0, $"promtool {string.Join(' ', arguments)}: {stdout}{stderr}");
    }

    [GeneratedRegex(@"\b(voiceplatform|microsoft_orleans|system_runtime|process)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
