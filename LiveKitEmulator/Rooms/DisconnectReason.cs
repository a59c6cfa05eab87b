namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary><c>DisconnectReason</c> from livekit_models.proto, in proto order (PROTOCOL.md §5).</summary>
public enum DisconnectReason
{
    UnknownReason = 0,
    ClientInitiated = 1,
    DuplicateIdentity = 2,
    ServerShutdown = 3,
    ParticipantRemoved = 4,
    RoomDeleted = 5,
    StateMismatch = 6,
    JoinFailure = 7,
    Migration = 8,
    SignalClose = 9,
    RoomClosed = 10,
    UserUnavailable = 11,
    UserRejected = 12,
    SipTrunkFailure = 13,
    ConnectionTimeout = 14,
    MediaFailure = 15,
    AgentError = 16,
}
