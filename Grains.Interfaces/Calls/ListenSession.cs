namespace VoicePlatform.Calls;

/// <summary>
/// What a supervisor's browser needs to listen to a live call: LiveKit's address, the call's room, and a token for a
/// hidden participant that may subscribe and nothing else (no audio, no data). The token only limits joining: the
/// listener is removed when the call ends (its room is closed) or when the supervisor stops.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.ListenSession")]
public sealed record ListenSession
{
    [Id(0)] public required string LiveKitUrl { get; init; }
    [Id(1)] public required string RoomName { get; init; }
    [Id(2)] public required string ParticipantIdentity { get; init; }
    [Id(3)] public required string ParticipantToken { get; init; }
    [Id(4)] public required DateTimeOffset ExpiresAt { get; init; }
}
