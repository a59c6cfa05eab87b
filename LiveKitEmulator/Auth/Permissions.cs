using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Auth;

/// <summary>
/// The grant each server-API method needs (PROTOCOL.md §2). A missing grant is Twirp
/// <c>unauthenticated</c> "permissions denied", exactly as LiveKit wraps every permission error.
/// </summary>
public static class Permissions
{
    public static void RequireRoomCreate(ClaimGrants? grants) => Require(grants?.Video?.RoomCreate == true);

    public static void RequireRoomList(ClaimGrants? grants) => Require(grants?.Video?.RoomList == true);

    public static void RequireRoomRecord(ClaimGrants? grants) => Require(grants?.Video?.RoomRecord == true);

    /// <summary><c>roomAdmin</c> and <c>room</c> equal to the request's room.</summary>
    public static void RequireRoomAdmin(ClaimGrants? grants, string room) =>
        Require(grants?.Video is { RoomAdmin: true } video && video.Room == room);

    public static void RequireSipAdmin(ClaimGrants? grants) => Require(grants?.Sip?.Admin == true);

    public static void RequireSipCall(ClaimGrants? grants) => Require(grants?.Sip?.Call == true);

    private static void Require(bool granted)
    {
        if (!granted)
        {
            throw TwirpException.Unauthenticated();
        }
    }
}
