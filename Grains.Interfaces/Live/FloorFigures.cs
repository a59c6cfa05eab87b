namespace VoicePlatform.Live;

/// <summary>
/// The floor over a window: calls ended per minute, the share answered, the share of answered calls abandoned, and the
/// average handle time (answer to end). A rate with nothing to divide by is null, not zero: "no calls" is not "none
/// answered".
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.FloorFigures")]
public sealed record FloorFigures
{
    [Id(0)] public required DateTimeOffset From { get; init; }
    [Id(1)] public required DateTimeOffset To { get; init; }
    [Id(2)] public required IReadOnlyList<FloorMinute> Minutes { get; init; }
    [Id(3)] public required double CallsPerMinute { get; init; }
    [Id(4)] public double? AnswerRate { get; init; }
    [Id(5)] public double? AbandonRate { get; init; }
    [Id(6)] public double? AverageHandleSeconds { get; init; }

    /// <summary>The window a live floor looks back over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static FloorFigures Compute(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<FloorMinute> minutes)
    {
        var ended = minutes.Sum(m => m.Ended);
        var answered = minutes.Sum(m => m.Answered);
        var span = Math.Max((to - from).TotalMinutes, 1);
        return new FloorFigures
        {
            From = from,
            To = to,
            Minutes = minutes,
            CallsPerMinute = ended / span,
            AnswerRate = ended == 0 ? null : (double)answered / ended,
            AbandonRate = answered == 0 ? null : (double)minutes.Sum(m => m.Abandoned) / answered,
            AverageHandleSeconds = answered == 0 ? null : minutes.Sum(m => m.HandledMilliseconds) / 1000.0 / answered,
        };
    }
}
