using VoicePlatform.Calls;

namespace VoicePlatform.Grains.Calls;

/// <summary>Sums usage reports per kind, provider and model — what pricing needs, in a stable order.</summary>
public static class UsageTotals
{
    public static IReadOnlyList<UsageItem> Sum(IEnumerable<UsageReport> reports) =>
        reports
            .SelectMany(r => r.Items)
            .GroupBy(i => (i.Kind, i.Provider, i.Model))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => new UsageItem
            {
                Kind = g.Key.Kind,
                Provider = g.Key.Provider,
                Model = g.Key.Model,
                AudioMs = g.Sum(i => i.AudioMs),
                InputTokens = g.Sum(i => i.InputTokens),
                OutputTokens = g.Sum(i => i.OutputTokens),
                Characters = g.Sum(i => i.Characters),
            })
            .ToList();
}
