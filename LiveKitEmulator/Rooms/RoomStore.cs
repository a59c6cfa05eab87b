using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Twirp;
using VoicePlatform.LiveKitEmulator.Webhooks;

namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary>
/// All rooms and participants, in memory, behind one lock. Every change publishes its webhook while
/// the lock is held, so webhooks leave in the order the changes happened.
/// </summary>
public sealed class RoomStore(
    EmulatorClock clock,
    WebhookPublisher webhooks,
    IOptions<LiveKitEmulatorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<RoomStore> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    /// <summary>DeleteRoom requests per room name, for the most recent <see cref="DeleteJournalSize"/> names only.</summary>
    private readonly Dictionary<string, int> _deleteRequests = new(StringComparer.Ordinal);
    private readonly Queue<string> _deleteJournalOrder = new();
    private const int DeleteJournalSize = 10_000;

    /// <summary>Raised (outside the lock) with the room name when a room closes, for egress to end.</summary>
    public event Action<string>? RoomClosed;

    /// <summary>
    /// Raised (outside the lock) after a participant joined or its attributes changed, so an in-process agent
    /// learns of <c>sip.callStatus</c> changes without polling; a departure shows on <see cref="Participant.Departed"/>.
    /// </summary>
    public event Action<Participant>? ParticipantUpdated;

    /// <summary>The room, and whether this request created it (LiveKit returns a live room as it is).</summary>
    public (JsonObject Room, bool Created) CreateRoom(string name, TimeSpan emptyTimeout, TimeSpan departureTimeout, int maxParticipants, string metadata)
    {
        lock (_lock)
        {
            var created = !_rooms.ContainsKey(name);
            var room = GetOrCreate(name, emptyTimeout, departureTimeout, maxParticipants, metadata);
            return (room.ToProto(ProtoStyle.TwirpResponse), created);
        }
    }

    public IReadOnlyList<JsonObject> ListRooms(IReadOnlyCollection<string> names)
    {
        lock (_lock)
        {
            return _rooms.Values
                .Where(room => names.Count == 0 || names.Contains(room.Name))
                .OrderBy(room => room.CreationTime)
                .Select(room => room.ToProto(ProtoStyle.TwirpResponse))
                .ToArray();
        }
    }

    public JsonObject? FindRoom(string name, ProtoStyle style, bool minimal = false)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(name, out var room) ? (minimal ? room.ToMinimalProto(style) : room.ToProto(style)) : null;
        }
    }

    /// <summary>
    /// How many DeleteRoom requests named <paramref name="name"/>, found or not: the emulator's own journal of recent
    /// room names, so a test can see whether a client closed a room once, twice or never.
    /// </summary>
    public int DeleteRequests(string name)
    {
        lock (_lock)
        {
            return _deleteRequests.GetValueOrDefault(name);
        }
    }

    /// <summary>Deletes a room: every participant leaves with <c>ROOM_DELETED</c>, then <c>room_finished</c>.</summary>
    public bool DeleteRoom(string name)
    {
        lock (_lock)
        {
            if (_deleteRequests.TryGetValue(name, out var earlier)) _deleteRequests[name] = earlier + 1;
            else
            {
                _deleteRequests[name] = 1;
                _deleteJournalOrder.Enqueue(name);
                if (_deleteJournalOrder.Count > DeleteJournalSize) _deleteRequests.Remove(_deleteJournalOrder.Dequeue());
            }
            if (!_rooms.TryGetValue(name, out var room))
            {
                return false;
            }

            foreach (var participant in room.Participants.ToArray())
            {
                LeaveLocked(room, participant, DisconnectReason.RoomDeleted, scheduleClose: false);
            }

            CloseLocked(room);
        }

        RoomClosed?.Invoke(name);
        return true;
    }

    public IReadOnlyList<JsonObject> ListParticipants(string roomName)
    {
        lock (_lock)
        {
            return Existing(roomName).Participants.Select(p => p.ToProto(ProtoStyle.TwirpResponse)).ToArray();
        }
    }

    public JsonObject GetParticipant(string roomName, string identity)
    {
        lock (_lock)
        {
            return FindParticipant(Existing(roomName), identity).ToProto(ProtoStyle.TwirpResponse);
        }
    }

    public void RemoveParticipant(string roomName, string identity)
    {
        lock (_lock)
        {
            var room = Existing(roomName);
            LeaveLocked(room, FindParticipant(room, identity), DisconnectReason.ParticipantRemoved, scheduleClose: true);
        }
    }

    /// <summary>A transferred SIP participant ends its call normally (<c>hangup</c>, <c>CLIENT_INITIATED</c>).</summary>
    public void RemoveTransferred(string roomName, string identity)
    {
        lock (_lock)
        {
            var room = Existing(roomName);
            var participant = FindParticipant(room, identity);
            participant.Attributes["sip.callStatus"] = "hangup";
            participant.Version++;
            LeaveLocked(room, participant, DisconnectReason.ClientInitiated, scheduleClose: true);
        }
    }

    /// <summary>
    /// <c>UpdateParticipant</c>: an empty name or metadata leaves it as it is, attributes are merged (an empty value
    /// deletes), and a permission, when given, replaces every flag.
    /// </summary>
    public JsonObject UpdateParticipant(string roomName, string identity, string name, string metadata,
        IReadOnlyDictionary<string, string> attributes, ParticipantPermission? permission)
    {
        Participant participant;
        JsonObject updated;
        lock (_lock)
        {
            participant = FindParticipant(Existing(roomName), identity);
            if (name.Length > 0) participant.Name = name;
            if (metadata.Length > 0) participant.Metadata = metadata;
            foreach (var (key, value) in attributes)
            {
                if (value.Length == 0) participant.Attributes.Remove(key);
                else participant.Attributes[key] = value;
            }
            if (permission is not null) participant.Permission = permission;
            participant.Version++;
            updated = participant.ToProto(ProtoStyle.TwirpResponse);
        }

        ParticipantUpdated?.Invoke(participant);
        return updated;
    }

    /// <summary>
    /// The handler <paramref name="identity"/> registered for <paramref name="method"/>: <c>not_found</c> for an unknown
    /// room or participant, null when the participant registered no such method.
    /// </summary>
    public Func<RpcInvocation, CancellationToken, Task<string>>? RpcHandler(string roomName, string identity, string method)
    {
        lock (_lock)
        {
            return FindParticipant(Existing(roomName), identity).RpcMethod(method);
        }
    }

    public JsonObject UpdateRoomMetadata(string roomName, string metadata)
    {
        lock (_lock)
        {
            var room = Existing(roomName);
            room.Metadata = metadata;
            return room.ToProto(ProtoStyle.TwirpResponse);
        }
    }

    public void EnsureRoomExists(string roomName)
    {
        lock (_lock)
        {
            Existing(roomName);
        }
    }

    public void SetActiveRecording(string roomName, bool active)
    {
        lock (_lock)
        {
            if (_rooms.TryGetValue(roomName, out var room))
            {
                room.ActiveRecording = active;
            }
        }
    }

    /// <summary>
    /// Joins a participant, creating the room when it does not exist (as a LiveKit join does).
    /// A participant with the same identity is replaced and leaves with <c>DUPLICATE_IDENTITY</c>.
    /// </summary>
    public Participant Join(string roomName, string identity, string name, string metadata, ParticipantKind kind,
        IReadOnlyDictionary<string, string> attributes)
    {
        var participant = JoinLocked(roomName, identity, name, metadata, kind, attributes);
        ParticipantUpdated?.Invoke(participant);
        return participant;
    }

    private Participant JoinLocked(string roomName, string identity, string name, string metadata, ParticipantKind kind,
        IReadOnlyDictionary<string, string> attributes)
    {
        lock (_lock)
        {
            var room = GetOrCreate(roomName, TimeSpan.Zero, TimeSpan.Zero, 0, "");
            if (room.Participants.FirstOrDefault(p => p.Identity == identity) is { } existing)
            {
                LeaveLocked(room, existing, DisconnectReason.DuplicateIdentity, scheduleClose: false);
            }

            var participant = new Participant(room.Name, identity, name, metadata, kind, attributes, clock.UtcNow);
            room.Participants.Add(participant);
            room.CloseGeneration++;
            webhooks.Publish(WebhookEventNames.ParticipantJoined, room.ToProto(ProtoStyle.Webhook), participant.ToProto(ProtoStyle.Webhook));
            return participant;
        }
    }

    /// <summary>Merges attribute changes; an empty value deletes the attribute. No webhook: LiveKit sends none for attributes.</summary>
    public void UpdateAttributes(Participant participant, IReadOnlyDictionary<string, string> changes)
    {
        lock (_lock)
        {
            if (participant.State == ParticipantState.Disconnected)
            {
                return;
            }

            foreach (var (key, value) in changes)
            {
                if (value.Length == 0)
                {
                    participant.Attributes.Remove(key);
                }
                else
                {
                    participant.Attributes[key] = value;
                }
            }

            participant.Version++;
        }

        ParticipantUpdated?.Invoke(participant);
    }

    /// <summary>
    /// The participant publishes its microphone (as a client SDK's <c>setMicrophoneEnabled</c> does). Subscribers learn of
    /// it through <see cref="ParticipantUpdated"/>; the SIP bridge of an inbound call answers once it has such a track.
    /// </summary>
    public void PublishAudio(Participant participant)
    {
        lock (_lock)
        {
            if (participant.State == ParticipantState.Disconnected || participant.PublishesAudio) return;
            participant.PublishesAudio = true;
            participant.Version++;
        }

        ParticipantUpdated?.Invoke(participant);
    }

    /// <summary>The participants in the room now; empty when it does not exist.</summary>
    public IReadOnlyList<Participant> ParticipantsIn(string roomName)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(roomName, out var room) ? room.Participants.ToArray() : [];
        }
    }

    public IReadOnlyDictionary<string, string> AttributesOf(Participant participant)
    {
        lock (_lock)
        {
            return new Dictionary<string, string>(participant.Attributes, StringComparer.Ordinal);
        }
    }

    /// <summary>The participant leaves with <paramref name="reason"/>; false when it had already left.</summary>
    public bool Leave(Participant participant, DisconnectReason reason)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(participant.RoomName, out var room) && LeaveLocked(room, participant, reason, scheduleClose: true);
        }
    }

    private bool LeaveLocked(Room room, Participant participant, DisconnectReason reason, bool scheduleClose)
    {
        if (!room.Participants.Remove(participant))
        {
            return false;
        }

        participant.State = ParticipantState.Disconnected;
        participant.DisconnectReason = reason;
        participant.Version++;
        webhooks.Publish(WebhookEventNames.ParticipantLeft, room.ToProto(ProtoStyle.Webhook), participant.ToProto(ProtoStyle.Webhook));
        participant.MarkDeparted();
        if (scheduleClose && room.Participants.Count == 0)
        {
            ScheduleCloseLocked(room, room.DepartureTimeout);
        }

        return true;
    }

    private Room GetOrCreate(string name, TimeSpan emptyTimeout, TimeSpan departureTimeout, int maxParticipants, string metadata)
    {
        if (_rooms.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var room = new Room(
            name,
            emptyTimeout > TimeSpan.Zero ? emptyTimeout : options.Value.EmptyTimeout,
            departureTimeout > TimeSpan.Zero ? departureTimeout : options.Value.DepartureTimeout,
            maxParticipants,
            metadata,
            clock.UtcNow);
        _rooms[name] = room;
        webhooks.Publish(WebhookEventNames.RoomStarted, room.ToProto(ProtoStyle.Webhook));
        ScheduleCloseLocked(room, room.EmptyTimeout);
        return room;
    }

    private void ScheduleCloseLocked(Room room, TimeSpan timeout)
    {
        var generation = ++room.CloseGeneration;
        _ = CloseWhenStillEmptyAsync(room, generation, timeout);
    }

    private async Task CloseWhenStillEmptyAsync(Room room, int generation, TimeSpan timeout)
    {
        try
        {
            await clock.DelayAsync(timeout, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_lock)
        {
            if (room.Closed || room.CloseGeneration != generation || room.Participants.Count > 0)
            {
                return;
            }

            CloseLocked(room);
        }

        logger.LogInformation("Room {RoomName} closed after {Timeout} empty", room.Name, timeout);
        RoomClosed?.Invoke(room.Name);
    }

    private void CloseLocked(Room room)
    {
        room.Closed = true;
        room.CloseGeneration++;
        _rooms.Remove(room.Name);
        webhooks.Publish(WebhookEventNames.RoomFinished, room.ToProto(ProtoStyle.Webhook));
    }

    private Room Existing(string roomName) =>
        _rooms.TryGetValue(roomName, out var room) ? room : throw TwirpException.NotFound("requested room does not exist");

    private static Participant FindParticipant(Room room, string identity) =>
        room.Participants.FirstOrDefault(p => p.Identity == identity)
        ?? throw TwirpException.NotFound("requested participant does not exist");
}
