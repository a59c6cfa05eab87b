namespace VoicePlatform.Campaigns;

/// <summary>
/// When a campaign may call, in each lead's own local time: on <see cref="Days"/>, from <see cref="StartMinute"/> to
/// <see cref="EndMinute"/> (minutes after local midnight). A range whose end is before its start crosses midnight: it
/// opens on one of <see cref="Days"/> and closes the next morning.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallWindow")]
public sealed record CallWindow
{
    public const int MinutesPerDay = 24 * 60;

    [Id(0)] public required IReadOnlyList<DayOfWeek> Days { get; init; }
    [Id(1)] public required int StartMinute { get; init; }
    /// <summary>Up to <see cref="MinutesPerDay"/> (midnight at the end of the day); below the start, it crosses midnight.</summary>
    [Id(2)] public required int EndMinute { get; init; }

    public bool CrossesMidnight => EndMinute < StartMinute;

    public bool SameAs(CallWindow other) =>
        StartMinute == other.StartMinute && EndMinute == other.EndMinute && Days.Order().SequenceEqual(other.Days.Order());
}
