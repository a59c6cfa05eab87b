using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// The <c>video</c> grant of a LiveKit token. Unset members are left out of the token: for the booleans a
/// missing key means false, except <c>canPublish</c>/<c>canSubscribe</c> (missing means true) and
/// <c>canPublishData</c> (missing follows canPublish) — so set those explicitly when they must be false.
/// </summary>
public sealed record LiveKitVideoGrant
{
    [JsonPropertyName("roomCreate")] public bool? RoomCreate { get; init; }
    [JsonPropertyName("roomList")] public bool? RoomList { get; init; }
    [JsonPropertyName("roomRecord")] public bool? RoomRecord { get; init; }
    [JsonPropertyName("roomAdmin")] public bool? RoomAdmin { get; init; }
    [JsonPropertyName("roomJoin")] public bool? RoomJoin { get; init; }
    [JsonPropertyName("room")] public string? Room { get; init; }
    [JsonPropertyName("canPublish")] public bool? CanPublish { get; init; }
    [JsonPropertyName("canSubscribe")] public bool? CanSubscribe { get; init; }
    [JsonPropertyName("canPublishData")] public bool? CanPublishData { get; init; }
    [JsonPropertyName("canUpdateOwnMetadata")] public bool? CanUpdateOwnMetadata { get; init; }
    [JsonPropertyName("canPublishSources")] public IReadOnlyList<string>? CanPublishSources { get; init; }
    [JsonPropertyName("ingressAdmin")] public bool? IngressAdmin { get; init; }
    [JsonPropertyName("hidden")] public bool? Hidden { get; init; }
    [JsonPropertyName("recorder")] public bool? Recorder { get; init; }
    [JsonPropertyName("agent")] public bool? Agent { get; init; }
    [JsonPropertyName("destinationRoom")] public string? DestinationRoom { get; init; }
}
