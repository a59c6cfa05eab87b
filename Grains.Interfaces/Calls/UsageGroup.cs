namespace VoicePlatform.Calls;

/// <summary>
/// One group of a usage report: how many calls, how many were connected, connected minutes (billed seconds / 60)
/// and the settled cost in minor units of <see cref="Currency"/>. Calls not settled yet count as calls only.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.UsageGroup")]
public sealed record UsageGroup
{
    /// <summary>The day (yyyy-MM-dd), agent, campaign or brand id; null for calls with no campaign or brand.</summary>
    [Id(0)] public string? Key { get; init; }
    [Id(1)] public required long Calls { get; init; }
    [Id(2)] public required long ConnectedCalls { get; init; }
    [Id(3)] public required long BilledSeconds { get; init; }
    [Id(4)] public required decimal Minutes { get; init; }
    [Id(5)] public required long Cost { get; init; }
    [Id(6)] public string? Currency { get; init; }
}
