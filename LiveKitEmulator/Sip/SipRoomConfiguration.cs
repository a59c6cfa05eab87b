using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>The parts of a rule's <c>RoomConfiguration</c> the emulator applies when the call creates the room.</summary>
public sealed record SipRoomConfiguration(
    TimeSpan EmptyTimeout,
    TimeSpan DepartureTimeout,
    int MaxParticipants,
    string Metadata,
    IReadOnlyList<SipRoomAgent> Agents)
{
    internal static SipRoomConfiguration From(ProtoRequest config) => new(
        TimeSpan.FromSeconds(config.Int64("empty_timeout")),
        TimeSpan.FromSeconds(config.Int64("departure_timeout")),
        (int)config.Int64("max_participants"),
        config.String("metadata"),
        config.Messages("agents").Select(a => new SipRoomAgent(a.String("agent_name"), a.String("metadata"))).ToArray());

    internal JsonObject ToProto(ProtoStyle style) =>
        new ProtoJsonWriter(style)
            .String("name", "")
            .UInt32("empty_timeout", (long)EmptyTimeout.TotalSeconds)
            .UInt32("departure_timeout", (long)DepartureTimeout.TotalSeconds)
            .UInt32("max_participants", MaxParticipants)
            .String("metadata", Metadata)
            .List("agents", Agents.Select(a => (JsonNode?)new ProtoJsonWriter(style).String("agent_name", a.AgentName).String("metadata", a.Metadata).Build()))
            .Build();
}
