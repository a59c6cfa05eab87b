namespace VoicePlatform.Benchmarks.Measurement;

public static class Statistics
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest-rank percentile of an already sorted array.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0) throw new ArgumentException("No values.", nameof(sorted));
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
