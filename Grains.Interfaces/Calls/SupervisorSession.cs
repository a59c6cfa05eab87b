namespace VoicePlatform.Calls;

/// <summary>
/// What a supervisor's browser needs to join a live call's room: LiveKit's address, the room, and a short-lived token.
/// To listen, the token is for a hidden participant that may subscribe and nothing else (no audio, no data); to barge
/// in or take over, for a visible participant that may also publish its microphone. The token only limits joining:
/// the supervisor is removed when the call ends (its room is closed) or when it stops listening.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.ListenSession")]
public sealed record SupervisorSession
{
    [Id(0)] public required string LiveKitUrl { get; init; }
    [Id(1)] public required string RoomName { get; init; }
    [Id(2)] public required string ParticipantIdentity { get; init; }
    [Id(3)] public required string ParticipantToken { get; init; }
    [Id(4)] public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>Whether the token may publish (barge, takeover); false for a hidden listener.</summary>
    [Id(5)] public bool CanPublish { get; init; }
    /// <summary>Whether LiveKit hides this participant from the others in the room (a listener).</summary>
    [Id(6)] public bool Hidden { get; init; }
}
