using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary>An emulated room. Mutated only by <see cref="RoomStore"/> under its lock.</summary>
public sealed class Room
{
    internal Room(string name, TimeSpan emptyTimeout, TimeSpan departureTimeout, int maxParticipants, string metadata, DateTimeOffset creationTime)
    {
        Name = name;
        EmptyTimeout = emptyTimeout;
        DepartureTimeout = departureTimeout;
        MaxParticipants = maxParticipants;
        Metadata = metadata;
        CreationTime = creationTime;
    }

    public string Sid { get; } = Hosting.LiveKitIds.New(Hosting.LiveKitIds.Room);

    public string Name { get; }

    public TimeSpan EmptyTimeout { get; }

    public TimeSpan DepartureTimeout { get; }

    public int MaxParticipants { get; }

    public DateTimeOffset CreationTime { get; }

    public string Metadata { get; internal set; }

    internal List<Participant> Participants { get; } = [];

    internal bool Closed { get; set; }

    /// <summary>Bumped whenever the room's close timer is started or cancelled; a timer fires only if it still matches.</summary>
    internal int CloseGeneration { get; set; }

    internal bool ActiveRecording { get; set; }

    internal JsonObject ToProto(ProtoStyle style) =>
        new ProtoJsonWriter(style)
            .String("sid", Sid)
            .String("name", Name)
            .UInt32("empty_timeout", (long)EmptyTimeout.TotalSeconds)
            .UInt32("departure_timeout", (long)DepartureTimeout.TotalSeconds)
            .UInt32("max_participants", MaxParticipants)
            .Int64("creation_time", CreationTime.ToUnixTimeSeconds())
            .Int64("creation_time_ms", CreationTime.ToUnixTimeMilliseconds())
            .String("turn_password", "")
            .List("enabled_codecs", [])
            .String("metadata", Metadata)
            .UInt32("num_participants", Participants.Count)
            .UInt32("num_publishers", Participants.Count(p => p.Kind == ParticipantKind.Sip))
            .Bool("active_recording", ActiveRecording)
            .Message("version", null)
            .Build();

    /// <summary>The minimal <c>{sid,name}</c> room egress webhooks carry.</summary>
    internal JsonObject ToMinimalProto(ProtoStyle style) =>
        new ProtoJsonWriter(style).String("sid", Sid).String("name", Name).Build();
}
