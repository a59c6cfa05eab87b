using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Dispatch;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary><c>livekit.RoomService</c>.</summary>
public static class RoomServiceApi
{
    public const string Service = "livekit.RoomService";

    public static TwirpRouter MapRoomService(this TwirpRouter router) =>
        router
            .Add(Service, "CreateRoom", CreateRoomAsync)
            .Add(Service, "DeleteRoom", DeleteRoom)
            .Add(Service, "ListRooms", ListRooms)
            .Add(Service, "ListParticipants", ListParticipants)
            .Add(Service, "GetParticipant", GetParticipant)
            .Add(Service, "RemoveParticipant", RemoveParticipant)
            .Add(Service, "UpdateParticipant", UpdateParticipant)
            .Add(Service, "PerformRpc", PerformRpcAsync)
            .Add(Service, "SendData", SendData)
            .Add(Service, "UpdateRoomMetadata", UpdateRoomMetadata);

    private static async Task<JsonObject> CreateRoomAsync(TwirpCall call)
    {
        Permissions.RequireRoomCreate(call.Grants);
        var body = call.Body;
        var name = body.String("name");
        if (name.Length == 0)
        {
            throw TwirpException.InvalidArgument("room name is required");
        }

        var (room, created) = call.Service<RoomStore>().CreateRoom(
            name,
            TimeSpan.FromSeconds(body.Int64("empty_timeout")),
            TimeSpan.FromSeconds(body.Int64("departure_timeout")),
            (int)body.Int64("max_participants"),
            body.String("metadata"));

        // Agents named on the room are dispatched the way CreateDispatch does it, when the room starts: LiveKit
        // launches a room's agents as it creates the room and ignores them on a room already live (a repeated request).
        foreach (var agent in created ? body.Messages("agents") : [])
        {
            await call.Service<DispatchStore>().CreateAsync(agent.String("agent_name"), name, agent.String("metadata"), call.Aborted);
        }

        return room;
    }

    private static JsonObject DeleteRoom(TwirpCall call)
    {
        Permissions.RequireRoomCreate(call.Grants);
        var name = call.Body.String("room");
        if (!call.Service<RoomStore>().DeleteRoom(name))
        {
            throw TwirpException.NotFound("requested room does not exist");
        }

        return new JsonObject();
    }

    private static JsonObject ListRooms(TwirpCall call)
    {
        Permissions.RequireRoomList(call.Grants);
        var rooms = call.Service<RoomStore>().ListRooms(call.Body.Strings("names").ToHashSet(StringComparer.Ordinal));
        return new JsonObject { ["rooms"] = new JsonArray(rooms.ToArray<JsonNode?>()) };
    }

    private static JsonObject ListParticipants(TwirpCall call)
    {
        var room = RoomAdmin(call);
        var participants = call.Service<RoomStore>().ListParticipants(room);
        return new JsonObject { ["participants"] = new JsonArray(participants.ToArray<JsonNode?>()) };
    }

    private static JsonObject GetParticipant(TwirpCall call)
    {
        var room = RoomAdmin(call);
        return call.Service<RoomStore>().GetParticipant(room, call.Body.String("identity"));
    }

    private static JsonObject RemoveParticipant(TwirpCall call)
    {
        var room = RoomAdmin(call);
        call.Service<RoomStore>().RemoveParticipant(room, call.Body.String("identity"));
        return new JsonObject();
    }

    private static JsonObject UpdateParticipant(TwirpCall call)
    {
        var room = RoomAdmin(call);
        var body = call.Body;
        var permission = body.Message("permission") is { } p
            ? new ParticipantPermission(p.Bool("can_subscribe"), p.Bool("can_publish"), p.Bool("can_publish_data"), p.Bool("hidden"),
                p.Bool("can_update_metadata"), p.Strings("can_publish_sources"))
            : null;
        return call.Service<RoomStore>().UpdateParticipant(room, body.String("identity"), body.String("name"), body.String("metadata"),
            body.StringMap("attributes"), permission);
    }

    /// <summary>The largest RPC payload LiveKit carries (15 KiB, in UTF-8 bytes).</summary>
    public const int MaxRpcPayloadBytes = 15 * 1024;

    /// <summary>
    /// <c>PerformRpc</c>: runs the method the destination participant registered and answers its payload. As in
    /// LiveKit: an unknown room or participant is <c>not_found</c>, an oversized payload or a method the participant
    /// never registered is <c>invalid_argument</c>, no answer within the response timeout is <c>canceled</c>, and the
    /// handler's own error is <c>internal</c>.
    /// </summary>
    private static async Task<JsonObject> PerformRpcAsync(TwirpCall call)
    {
        var room = RoomAdmin(call);
        var body = call.Body;
        var destination = body.String("destination_identity");
        var method = body.String("method");
        var payload = body.String("payload");
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxRpcPayloadBytes)
        {
            throw TwirpException.InvalidArgument("Request payload too large");
        }

        var timeoutMs = body.Int64("response_timeout_ms");
        var timeout = TimeSpan.FromMilliseconds(timeoutMs > 0 ? timeoutMs : 10_000);
        var handler = call.Service<RoomStore>().RpcHandler(room, destination, method)
            ?? throw TwirpException.InvalidArgument("Method not supported at destination");
        var requestId = Guid.NewGuid().ToString();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(call.Aborted);
        deadline.CancelAfter(timeout);
        try
        {
            var response = await handler(new RpcInvocation(requestId, requestId, payload, timeout), deadline.Token).WaitAsync(deadline.Token);
            return new JsonObject { ["payload"] = response };
        }
        catch (OperationCanceledException) when (!call.Aborted.IsCancellationRequested)
        {
            throw new TwirpException(TwirpCodes.Canceled, "Response timeout");
        }
        catch (RpcHandlerException e)
        {
            throw new TwirpException(TwirpCodes.Internal, e.Message);
        }
    }

    private static JsonObject SendData(TwirpCall call)
    {
        var room = RoomAdmin(call);
        call.Service<RoomStore>().EnsureRoomExists(room);
        return new JsonObject();
    }

    private static JsonObject UpdateRoomMetadata(TwirpCall call)
    {
        var room = RoomAdmin(call);
        return call.Service<RoomStore>().UpdateRoomMetadata(room, call.Body.String("metadata"));
    }

    private static string RoomAdmin(TwirpCall call)
    {
        var room = call.Body.String("room");
        Permissions.RequireRoomAdmin(call.Grants, room);
        return room;
    }
}
