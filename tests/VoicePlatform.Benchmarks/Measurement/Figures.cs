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

    /// <summary>Set by the report for a scenario run again under other conditions (<c>durable.</c>), so its figures keep apart.</summary>
    public const string PrefixVariable = "VOICEPLATFORM_FIGURE_PREFIX";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string Prefix = Environment.GetEnvironmentVariable(PrefixVariable) ?? "";

    public static void Emit(string key, IReadOnlyList<double> runs, string unit, string? note = null)
    {
        if (runs.Count == 0) return;
        Console.WriteLine(Marker + JsonSerializer.Serialize(new Figure(Prefix + key, Statistics.Median(runs), [.. runs], unit, note), Json));
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
