using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>RoomConfiguration</c>: what a room created by a dispatch rule starts with, agents to dispatch included.</summary>
public sealed record LiveKitRoomConfiguration
{
    [JsonPropertyName("empty_timeout")] public uint? EmptyTimeoutSeconds { get; init; }
    [JsonPropertyName("departure_timeout")] public uint? DepartureTimeoutSeconds { get; init; }
    public uint? MaxParticipants { get; init; }
    public string? Metadata { get; init; }
    public IReadOnlyList<LiveKitRoomAgentDispatch>? Agents { get; init; }
}
