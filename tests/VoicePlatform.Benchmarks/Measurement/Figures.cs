using System.Globalization;
using System.Text.Json;

namespace VoicePlatform.Benchmarks.Measurement;

/// <summary>
/// A benchmark's figures in a form the report reads back: one line per figure, <c>FIGURE {json}</c>, with every run's
/// value beside the median, so the report can show the spread. The benchmarks print their own prose around them.
/// </summary>
public static class Figures
{
    public const string Marker = "FIGURE ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Emit(string key, IReadOnlyList<double> runs, string unit, string? note = null)
    {
        if (runs.Count == 0) return;
        Console.WriteLine(Marker + JsonSerializer.Serialize(new Figure(key, Statistics.Median(runs), [.. runs], unit, note), Json));
    }

    public static void Emit(string key, double value, string unit, string? note = null) => Emit(key, [value], unit, note);

    public static Figure? Parse(string line) =>
        line.StartsWith(Marker, StringComparison.Ordinal) ? JsonSerializer.Deserialize<Figure>(line[Marker.Length..], Json) : null;

    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

/// <summary>One figure: its median, every run's value, and its unit (a note when a run says something about it).</summary>
public sealed record Figure(string Key, double Median, double[] Runs, string Unit, string? Note);
