using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>LiveKit's <c>Room</c> (from CreateRoom, ListRooms, UpdateRoomMetadata and webhooks).</summary>
public sealed record LiveKitRoom
{
    /// <summary><c>RM_...</c></summary>
    public string Sid { get; init; } = "";
    public string Name { get; init; } = "";
    public uint EmptyTimeout { get; init; }
    public uint DepartureTimeout { get; init; }
    public uint MaxParticipants { get; init; }

    /// <summary>Unix seconds.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long CreationTime { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long CreationTimeMs { get; init; }

    public string Metadata { get; init; } = "";
    public uint NumParticipants { get; init; }
    public uint NumPublishers { get; init; }
    public bool ActiveRecording { get; init; }
}
