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
