namespace VoicePlatform.LiveKitEmulator.Auth;

/// <summary>The parts of LiveKit's <c>video</c> grant the server API checks; a missing boolean means false.</summary>
public sealed record VideoGrant(
    bool RoomCreate,
    bool RoomList,
    bool RoomRecord,
    bool RoomAdmin,
    bool RoomJoin,
    string Room);
