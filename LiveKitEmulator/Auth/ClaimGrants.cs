using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoicePlatform.LiveKitEmulator.Auth;

/// <summary>The verified claims of an access token: identity from <c>sub</c>, and the grants.</summary>
public sealed record ClaimGrants(string Identity, VideoGrant? Video, SipGrant? Sip)
{
    public static ClaimGrants FromClaims(JsonObject claims)
    {
        var identity = Text(claims["sub"]) is { Length: > 0 } sub ? sub : Text(claims["jti"]);
        VideoGrant? video = claims["video"] is JsonObject v
            ? new VideoGrant(Flag(v["roomCreate"]), Flag(v["roomList"]), Flag(v["roomRecord"]), Flag(v["roomAdmin"]), Flag(v["roomJoin"]), Text(v["room"]))
            : null;
        SipGrant? sip = claims["sip"] is JsonObject s ? new SipGrant(Flag(s["admin"]), Flag(s["call"])) : null;
        return new ClaimGrants(identity, video, sip);
    }

    private static bool Flag(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
}
