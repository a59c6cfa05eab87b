using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// LiveKit's private claims (camelCase, all optional) plus the identity, which travels as <c>sub</c>.
/// <c>iss</c>, <c>nbf</c>, <c>iat</c> and <c>exp</c> are added by <see cref="LiveKitAccessTokenMinter"/>.
/// </summary>
public sealed record LiveKitTokenClaims
{
    [JsonPropertyName("sub")] public string? Identity { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("metadata")] public string? Metadata { get; init; }
    [JsonPropertyName("attributes")] public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>Lower-case participant kind (<c>standard</c>, <c>sip</c>, <c>agent</c>...).</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("video")] public LiveKitVideoGrant? Video { get; init; }
    [JsonPropertyName("sip")] public LiveKitSipGrant? Sip { get; init; }
    [JsonPropertyName("roomPreset")] public string? RoomPreset { get; init; }

    /// <summary>Base64 SHA-256 of a webhook body.</summary>
    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }
}
