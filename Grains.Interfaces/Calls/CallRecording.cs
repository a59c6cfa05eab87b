namespace VoicePlatform.Calls;

/// <summary>A call's recording as LiveKit egress reported it.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallRecording")]
public sealed record CallRecording
{
    [Id(0)] public string? EgressId { get; init; }
    /// <summary>starting, complete, failed or aborted (LiveKit's EGRESS_* status, lower case).</summary>
    [Id(1)] public required string Status { get; init; }
    /// <summary>Where the file is (egress's location, or the file path it was given).</summary>
    [Id(2)] public string? Location { get; init; }
    [Id(3)] public long DurationMs { get; init; }
    [Id(4)] public string? Error { get; init; }
}
