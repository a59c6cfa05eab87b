using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Dispatch;

/// <summary>An explicit agent dispatch (<c>AD_…</c>) to a room.</summary>
public sealed record AgentDispatch(string Id, string AgentName, string Room, string Metadata, DateTimeOffset CreatedAt)
{
    internal JsonObject ToProto(ProtoStyle style)
    {
        var state = new ProtoJsonWriter(style)
            .List("jobs", [])
            .Int64("created_at", CreatedAt.ToUnixTimeMilliseconds() * 1_000_000)
            .Int64("deleted_at", 0)
            .Build();
        return new ProtoJsonWriter(style)
            .String("id", Id)
            .String("agent_name", AgentName)
            .String("room", Room)
            .String("metadata", Metadata)
            .Message("state", state)
            .Build();
    }
}
