using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Dispatch;

/// <summary><c>livekit.AgentDispatchService</c>: <c>roomAdmin</c> for the request's room.</summary>
public static class AgentDispatchApi
{
    public const string Service = "livekit.AgentDispatchService";

    public static TwirpRouter MapAgentDispatchService(this TwirpRouter router) =>
        router
            .Add(Service, "CreateDispatch", CreateDispatchAsync)
            .Add(Service, "ListDispatch", ListDispatch);

    private static async Task<JsonObject> CreateDispatchAsync(TwirpCall call)
    {
        var room = call.Body.String("room");
        Permissions.RequireRoomAdmin(call.Grants, room);
        if (room.Length == 0)
        {
            throw TwirpException.InvalidArgument("room is required");
        }

        var dispatch = await call.Service<DispatchStore>().CreateAsync(call.Body.String("agent_name"), room, call.Body.String("metadata"), call.Aborted);
        return dispatch.ToProto(ProtoStyle.TwirpResponse);
    }

    private static JsonObject ListDispatch(TwirpCall call)
    {
        var room = call.Body.String("room");
        Permissions.RequireRoomAdmin(call.Grants, room);
        var items = call.Service<DispatchStore>().ForRoom(room).Select(d => (JsonNode?)d.ToProto(ProtoStyle.TwirpResponse));
        return new JsonObject { ["agent_dispatches"] = new JsonArray(items.ToArray()) };
    }
}
