using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// Mints LiveKit access tokens: HS256 keyed with the API secret's UTF-8 bytes, <c>iss</c> = API key,
/// <c>nbf</c>/<c>iat</c> = now, and always an <c>exp</c> (LiveKit rejects tokens without one).
/// </summary>
public sealed class LiveKitAccessTokenMinter(IOptions<LiveKitOptions> options, TimeProvider time)
{
    /// <summary>The lifetime the official SDK gives server-API tokens.</summary>
    public static readonly TimeSpan ServerApiTokenLifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions ClaimsJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Mint(LiveKitTokenClaims claims, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "A token needs a positive lifetime.");

        var settings = options.Value;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToNode(claims, ClaimsJson)!.AsObject();
        payload["iss"] = settings.ApiKey;
        payload["nbf"] = now;
        payload["iat"] = now;
        payload["exp"] = now + (long)Math.Ceiling(lifetime.TotalSeconds);
        if (claims.Identity is not null) payload["jti"] = claims.Identity;
        return LiveKitJwt.Sign(JsonSerializer.SerializeToUtf8Bytes(payload), settings.ApiSecret);
    }

    /// <summary>A token for one server API call, carrying only the grants that call needs.</summary>
    public string ForServerApi(LiveKitVideoGrant? video = null, LiveKitSipGrant? sip = null) =>
        Mint(new LiveKitTokenClaims { Video = video, Sip = sip }, ServerApiTokenLifetime);

    /// <summary>A token for a participant joining <paramref name="room"/> (for example a browser test call).</summary>
    public string ForParticipant(
        string identity,
        string room,
        bool canPublish,
        bool canSubscribe,
        TimeSpan lifetime,
        string? name = null,
        string? metadata = null,
        IReadOnlyDictionary<string, string>? attributes = null,
        bool hidden = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        return Mint(new LiveKitTokenClaims
        {
            Identity = identity,
            Name = name,
            Metadata = metadata,
            Attributes = attributes,
            Video = new LiveKitVideoGrant
            {
                RoomJoin = true,
                Room = room,
                // Always explicit: a missing canPublish/canSubscribe means true to LiveKit.
                CanPublish = canPublish,
                CanSubscribe = canSubscribe,
                CanPublishData = canPublish,
                Hidden = hidden ? true : null,
            },
        }, lifetime);
    }
}
