using System.Globalization;
using System.Text.RegularExpressions;

namespace VoicePlatform.Tests.Infrastructure;

/// <summary>Reading and linting a Prometheus scrape the way an operator's Prometheus would.</summary>
public static partial class MetricsLint
{
    /// <summary>Fails with every finding unless <c>promtool check metrics</c> accepts the whole scrape.</summary>
    public static async Task AssertCleanAsync(string scrape)
    {
        var (exitCode, stdout, stderr) = await ProcessRunner.CaptureAsync("promtool", ["check", "metrics"], AppContext.BaseDirectory, scrape, TimeSpan.FromSeconds(30),
            "promtool comes with Debian's prometheus package (apt-get install prometheus; .ci/run installs it).");
        Assert.True(exitCode == 0, $"promtool check metrics: {stdout}{stderr}");
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels contain <paramref name="labels"/>.</summary>
    public static double Value(string scrape, string name, string labels = "") =>
        scrape.Split('\n')
            .Where(l => (l.StartsWith($"{name}{{", StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal)) || (labels.Length == 0 && l.StartsWith($"{name} ", StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>Every label name on the samples of families starting with <paramref name="prefix"/>.</summary>
    public static IReadOnlySet<string> LabelNames(string scrape, string prefix) =>
        scrape.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(l => LabelName().Matches(l).Select(m => m.Groups[1].Value)).ToHashSet();

    [GeneratedRegex("""[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
