namespace VoicePlatform.Agents;

/// <summary>
/// A browser test call: a LiveKit room with the agent dispatched into it, and a participant token a tester's
/// browser uses to join and talk to the agent — no telephone involved.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.TestCallSession")]
public sealed record TestCallSession
{
    [Id(0)] public required string RoomName { get; init; }
    /// <summary>The LiveKit server URL the browser connects to.</summary>
    [Id(1)] public required string LiveKitUrl { get; init; }
    [Id(2)] public required string ParticipantIdentity { get; init; }
    /// <summary>A LiveKit access token for that room only (join, publish, subscribe).</summary>
    [Id(3)] public required string ParticipantToken { get; init; }
    [Id(4)] public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>The LiveKit agent dispatch id (AD_…).</summary>
    [Id(5)] public required string DispatchId { get; init; }
}
