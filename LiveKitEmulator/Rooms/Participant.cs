using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary>
/// A participant in an emulated room. Mutated only by <see cref="RoomStore"/> under its lock;
/// <see cref="Departed"/> is cancelled when it leaves, which is how a simulated call learns it was hung up.
/// </summary>
public sealed class Participant
{
    private readonly CancellationTokenSource _departed = new();

    internal Participant(string roomName, string identity, string name, string metadata, ParticipantKind kind,
        IReadOnlyDictionary<string, string> attributes, DateTimeOffset joinedAt)
    {
        RoomName = roomName;
        Identity = identity;
        Name = name;
        Metadata = metadata;
        Kind = kind;
        Attributes = new Dictionary<string, string>(attributes, StringComparer.Ordinal);
        JoinedAt = joinedAt;
        Permission = ParticipantPermission.For(kind);
    }

    public string Sid { get; } = Hosting.LiveKitIds.New(Hosting.LiveKitIds.Participant);

    public string RoomName { get; }

    public string Identity { get; }

    public string Name { get; internal set; }

    public string Metadata { get; internal set; }

    public ParticipantKind Kind { get; }

    public DateTimeOffset JoinedAt { get; }

    public ParticipantState State { get; internal set; } = ParticipantState.Active;

    public DisconnectReason DisconnectReason { get; internal set; }

    internal Dictionary<string, string> Attributes { get; }

    /// <summary>Replaced as a whole by <c>UpdateParticipant</c>, as LiveKit does.</summary>
    public ParticipantPermission Permission { get; internal set; }

    private readonly ConcurrentDictionary<string, Func<RpcInvocation, CancellationToken, Task<string>>> _rpcMethods = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers an RPC method the way a client SDK's <c>registerRpcMethod</c> does: the server's <c>PerformRpc</c> to
    /// this participant and method runs <paramref name="handler"/>, whose string is the response payload.
    /// </summary>
    public void RegisterRpcMethod(string method, Func<RpcInvocation, CancellationToken, Task<string>> handler) =>
        _rpcMethods[method] = handler;

    internal Func<RpcInvocation, CancellationToken, Task<string>>? RpcMethod(string method) =>
        _rpcMethods.GetValueOrDefault(method);

    internal int Version { get; set; } = 1;

    /// <summary>Whether it has published its microphone track: what the SIP bridge waits for before answering an inbound call.</summary>
    public bool PublishesAudio { get; internal set; }

    public CancellationToken Departed => _departed.Token;

    internal void MarkDeparted() => _departed.Cancel();

    internal JsonObject ToProto(ProtoStyle style)
    {
        var permission = new ProtoJsonWriter(style)
            .Bool("can_subscribe", Permission.CanSubscribe)
            .Bool("can_publish", Permission.CanPublish)
            .Bool("can_publish_data", Permission.CanPublishData)
            .Strings("can_publish_sources", Permission.CanPublishSources)
            .Bool("hidden", Permission.Hidden)
            .Bool("can_update_metadata", Permission.CanUpdateMetadata)
            .Bool("agent", Kind == ParticipantKind.Agent)
            .Build();
        return new ProtoJsonWriter(style)
            .String("sid", Sid)
            .String("identity", Identity)
            .Enum("state", ProtoEnum.Name(State), ProtoEnum.ZeroName<ParticipantState>())
            .List("tracks", [])
            .String("metadata", Metadata)
            .Int64("joined_at", JoinedAt.ToUnixTimeSeconds())
            .Int64("joined_at_ms", JoinedAt.ToUnixTimeMilliseconds())
            .String("name", Name)
            .UInt32("version", Version)
            .Message("permission", permission)
            .String("region", "")
            .Bool("is_publisher", Kind == ParticipantKind.Sip || PublishesAudio)
            .Enum("kind", ProtoEnum.Name(Kind), ProtoEnum.ZeroName<ParticipantKind>())
            .Map("attributes", Attributes)
            .Enum("disconnect_reason", ProtoEnum.Name(DisconnectReason), ProtoEnum.ZeroName<DisconnectReason>())
            .List("kind_details", [])
            .Build();
    }
}
