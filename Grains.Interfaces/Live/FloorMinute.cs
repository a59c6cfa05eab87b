namespace VoicePlatform.Live;

/// <summary>
/// The calls a tenant ended in one minute: how many, how many a person or machine answered, how many were abandoned
/// (answered by a person with no agent there to talk), and the talk time of the answered ones. A wallboard keeps a
/// short run of these and adds each call to its minute as the call ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.FloorMinute")]
public sealed record FloorMinute
{
    /// <summary>The minute's start (UTC, whole minute).</summary>
    [Id(0)] public required DateTimeOffset Minute { get; init; }
    [Id(1)] public required int Ended { get; init; }
    [Id(2)] public required int Answered { get; init; }
    [Id(3)] public required int Abandoned { get; init; }
    /// <summary>Answer to end, summed over the answered calls, in milliseconds.</summary>
    [Id(4)] public required long HandledMilliseconds { get; init; }
}
