using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Egress;

/// <summary>One emulated room-composite egress; mutated only by <see cref="EgressStore"/> under its lock.</summary>
public sealed class EgressRecord(string egressId, string roomId, string roomName, bool audioOnly, IReadOnlyList<string> filepaths)
{
    public string EgressId { get; } = egressId;

    public string RoomId { get; } = roomId;

    public string RoomName { get; } = roomName;

    public EgressStatus Status { get; internal set; }

    internal DateTimeOffset? StartedAt { get; set; }

    internal DateTimeOffset? EndedAt { get; set; }

    internal DateTimeOffset UpdatedAt { get; set; }

    private static long Nanos(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() * 1_000_000 : 0;

    internal JsonObject ToProto(ProtoStyle style)
    {
        var files = Status == EgressStatus.Complete
            ? filepaths.Select(path => (JsonNode?)new ProtoJsonWriter(style)
                .String("filename", path)
                .Int64("started_at", Nanos(StartedAt))
                .Int64("ended_at", Nanos(EndedAt))
                .Int64("duration", Nanos(EndedAt) - Nanos(StartedAt))
                .Int64("size", 0)
                .String("location", path)
                .Build())
            : [];
        var request = new ProtoJsonWriter(style).String("room_name", RoomName).Bool("audio_only", audioOnly).Build();
        return new ProtoJsonWriter(style)
            .String("egress_id", EgressId)
            .String("room_id", RoomId)
            .String("room_name", RoomName)
            .Enum("source_type", "EGRESS_SOURCE_TYPE_WEB", "EGRESS_SOURCE_TYPE_WEB")
            .Enum("status", ProtoEnum.Name(Status, "EGRESS_"), ProtoEnum.ZeroName<EgressStatus>("EGRESS_"))
            .Int64("started_at", Nanos(StartedAt))
            .Int64("ended_at", Nanos(EndedAt))
            .Int64("updated_at", Nanos(UpdatedAt))
            .String("details", "")
            .String("error", "")
            .UInt32("error_code", 0)
            .Message("room_composite", request)
            .List("file_results", files)
            .List("stream_results", [])
            .List("segment_results", [])
            .List("image_results", [])
            .String("manifest_location", "")
            .Bool("backup_storage_used", false)
            .UInt32("retry_count", 0)
            .Build();
    }
}
