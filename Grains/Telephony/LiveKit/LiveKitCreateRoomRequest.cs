using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>CreateRoomRequest</c>; unset members keep LiveKit's defaults.</summary>
public sealed record LiveKitCreateRoomRequest
{
    public required string Name { get; init; }

    /// <summary>Seconds to keep an empty room open.</summary>
    [JsonPropertyName("empty_timeout")] public uint? EmptyTimeoutSeconds { get; init; }

    /// <summary>Seconds to keep the room open after the last participant left.</summary>
    [JsonPropertyName("departure_timeout")] public uint? DepartureTimeoutSeconds { get; init; }

    public uint? MaxParticipants { get; init; }
    public string? Metadata { get; init; }
    public IReadOnlyList<LiveKitRoomAgentDispatch>? Agents { get; init; }
}
