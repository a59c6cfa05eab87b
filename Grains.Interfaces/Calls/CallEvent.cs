namespace VoicePlatform.Calls;

/// <summary>
/// One entry of a call's history: a status change, a LiveKit webhook applied, or an agent-worker report.
/// <see cref="Key"/> is unique within the call, so recording the same happening twice keeps one entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallEvent")]
public sealed record CallEvent
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    /// <summary>status-changed, livekit-webhook, answered-by, outcome, usage, transfer, end-requested, hangup, billing, late-dial-outcome, agent-joined (see <see cref="CallEventTypes"/>).</summary>
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Detail { get; init; }
}
