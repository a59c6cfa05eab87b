using VoicePlatform.Benchmarks.Measurement;

namespace VoicePlatform.Benchmarks.Report;

/// <summary>
/// One line of the report's table: a figure (by its key), the goal it has and how to judge it, and the ceiling it is
/// set against, computed from figures of the same run.
/// </summary>
public sealed record ReportRow(string Label, string FigureKey, string Goal, Func<double, bool>? Meets, Func<FigureSet, string>? Ceiling = null);

/// <summary>The figures one report run collected, by key.</summary>
public sealed class FigureSet(IEnumerable<Figure> figures)
{
    private readonly Dictionary<string, Figure> _byKey = figures.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last());

    public Figure? this[string key] => _byKey.GetValueOrDefault(key);

    public IEnumerable<Figure> All => _byKey.Values.OrderBy(f => f.Key, StringComparer.Ordinal);

    /// <summary>The median of <paramref name="key"/> formatted with its unit, or "not measured".</summary>
    public string Show(string key) => this[key] is { } figure ? $"{Figures.Format(figure.Median)} {figure.Unit}" : "not measured";
}
