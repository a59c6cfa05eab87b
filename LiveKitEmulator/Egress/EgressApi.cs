using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Egress;

/// <summary><c>livekit.Egress</c>: every method needs <c>video.roomRecord</c>.</summary>
public static class EgressApi
{
    public const string Service = "livekit.Egress";

    public static TwirpRouter MapEgressService(this TwirpRouter router) =>
        router
            .Add(Service, "StartRoomCompositeEgress", StartRoomCompositeEgress)
            .Add(Service, "StopEgress", StopEgress);

    private static JsonObject StartRoomCompositeEgress(TwirpCall call)
    {
        Permissions.RequireRoomRecord(call.Grants);
        var roomName = call.Body.String("room_name");
        if (roomName.Length == 0)
        {
            throw TwirpException.InvalidArgument("room_name is required");
        }

        var files = call.Body.Messages("file_outputs").Select(f => f.String("filepath")).ToList();
        if (call.Body.Message("file") is { } legacyFile)
        {
            files.Add(legacyFile.String("filepath"));
        }

        return call.Service<EgressStore>().Start(roomName, call.Body.Bool("audio_only"), files);
    }

    private static JsonObject StopEgress(TwirpCall call)
    {
        Permissions.RequireRoomRecord(call.Grants);
        return call.Service<EgressStore>().Stop(call.Body.String("egress_id"));
    }
}
