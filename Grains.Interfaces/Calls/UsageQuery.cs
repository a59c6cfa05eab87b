namespace VoicePlatform.Calls;

/// <summary>A usage report's grouping and placed-time window (from inclusive, to exclusive).</summary>
[GenerateSerializer, Immutable, Alias("vp.UsageQuery")]
public sealed record UsageQuery
{
    [Id(0)] public required UsageGroupBy GroupBy { get; init; }
    [Id(1)] public DateTimeOffset? From { get; init; }
    [Id(2)] public DateTimeOffset? To { get; init; }
}
