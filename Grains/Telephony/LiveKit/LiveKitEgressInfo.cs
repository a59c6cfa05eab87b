using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>LiveKit's <c>EgressInfo</c>; <c>Status</c> is the enum name (EGRESS_STARTING ... EGRESS_COMPLETE); times in ns.</summary>
public sealed record LiveKitEgressInfo
{
    /// <summary><c>EG_...</c></summary>
    public string EgressId { get; init; } = "";
    public string RoomId { get; init; } = "";
    public string RoomName { get; init; } = "";
    public string Status { get; init; } = "";

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long StartedAt { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long EndedAt { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long UpdatedAt { get; init; }

    public string Error { get; init; } = "";
    public IReadOnlyList<LiveKitFileInfo> FileResults { get; init; } = [];
}
