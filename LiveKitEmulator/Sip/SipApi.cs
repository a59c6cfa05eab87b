using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary><c>livekit.SIP</c>: outbound trunks, outbound calls and transfers.</summary>
public static class SipApi
{
    public const string Service = "livekit.SIP";

    private static readonly TimeSpan MaxCallDurationCap = TimeSpan.FromHours(24);

    public static TwirpRouter MapSipService(this TwirpRouter router) =>
        router
            .Add(Service, "CreateSIPOutboundTrunk", CreateSipOutboundTrunk)
            .Add(Service, "ListSIPOutboundTrunk", ListSipOutboundTrunk)
            .Add(Service, "CreateSIPParticipant", CreateSipParticipantAsync)
            .Add(Service, "TransferSIPParticipant", TransferSipParticipant);

    private static JsonObject CreateSipOutboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var trunk = call.Body.Message("trunk") ?? throw TwirpException.InvalidArgument("trunk is required");
        if (trunk.String("sip_trunk_id").Length > 0)
        {
            throw TwirpException.InvalidArgument("trunk ID must not be set");
        }

        var numbers = trunk.Strings("numbers");
        if (numbers.Count == 0)
        {
            throw TwirpException.InvalidArgument("no trunk numbers specified");
        }

        var address = trunk.String("address");
        if (address.Length == 0 || address.Contains("sip:", StringComparison.OrdinalIgnoreCase))
        {
            throw TwirpException.InvalidArgument("trunk address must be a hostname");
        }

        var info = new SipTrunk(
            LiveKitIds.New(LiveKitIds.SipTrunk),
            trunk.String("name"),
            trunk.String("metadata"),
            address,
            trunk.String("transport") is { Length: > 0 } transport ? transport : "SIP_TRANSPORT_AUTO",
            numbers,
            trunk.String("auth_username"),
            trunk.String("auth_password"),
            trunk.StringMap("headers"),
            trunk.String("destination_country"));
        call.Service<SipTrunkStore>().Add(info);
        return info.ToProto(ProtoStyle.TwirpResponse);
    }

    private static JsonObject ListSipOutboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var ids = call.Body.Strings("trunk_ids");
        var numbers = call.Body.Strings("numbers");
        var items = call.Service<SipTrunkStore>().List()
            .Where(t => ids.Count == 0 || ids.Contains(t.SipTrunkId))
            .Where(t => numbers.Count == 0 || t.Numbers.Any(numbers.Contains))
            .Select(t => (JsonNode?)t.ToProto(ProtoStyle.TwirpResponse));
        return new JsonObject { ["items"] = new JsonArray(items.ToArray()), ["next_page_token"] = null };
    }

    private static async Task<JsonObject> CreateSipParticipantAsync(TwirpCall call)
    {
        Permissions.RequireSipCall(call.Grants);
        var body = call.Body;
        var trunkId = body.String("sip_trunk_id");
        var adHocTrunk = body.Message("trunk");
        var fromNumber = body.String("sip_number");
        var callTo = body.String("sip_call_to");
        var roomName = body.String("room_name");
        if (trunkId.Length == 0 && adHocTrunk is null && fromNumber.Length == 0)
        {
            throw TwirpException.InvalidArgument("missing sip trunk id");
        }

        if (callTo.Length == 0)
        {
            throw TwirpException.InvalidArgument("missing sip callee number");
        }

        if (callTo.Contains('@'))
        {
            throw TwirpException.InvalidArgument("sip_call_to should be a phone number or SIP user, not a full SIP URI");
        }

        if (roomName.Length == 0)
        {
            throw TwirpException.InvalidArgument("missing room name");
        }

        var ringingTimeout = body.Duration("ringing_timeout");
        var maxCallDuration = body.Duration("max_call_duration");
        var attributes = body.StringMap("participant_attributes");
        body.StringMap("headers");

        var hostname = adHocTrunk?.String("hostname") ?? "";
        var trunkNumbers = Array.Empty<string>() as IReadOnlyList<string>;
        if (trunkId.Length > 0)
        {
            var trunk = call.Service<SipTrunkStore>().Find(trunkId) ?? throw TwirpException.NotFound("requested sip trunk does not exist");
            hostname = trunk.Address;
            trunkNumbers = trunk.Numbers;
        }

        var options = call.Service<IOptions<LiveKitEmulatorOptions>>().Value.Sip;
        if (fromNumber.Length == 0)
        {
            fromNumber = call.Service<SipOutcomePicker>().PickNumber(trunkNumbers);
        }

        var identity = body.String("participant_identity") is { Length: > 0 } given ? given : "sip_" + callTo;
        var request = new SipCallRequest(
            roomName,
            identity,
            body.String("participant_name"),
            body.String("participant_metadata"),
            callTo,
            fromNumber,
            trunkId,
            hostname,
            body.Bool("hide_phone_number"),
            body.String("dtmf"),
            attributes,
            ringingTimeout is { } ringing && ringing > TimeSpan.Zero ? ringing : options.DefaultRingingTimeout,
            maxCallDuration is { } max && max > TimeSpan.Zero ? (max > MaxCallDurationCap ? MaxCallDurationCap : max) : null);

        var sipCall = call.Service<SipCallSimulator>().Dial(request);
        if (body.Bool("wait_until_answered"))
        {
            var clock = call.Service<EmulatorClock>();
            try
            {
                await sipCall.Answered.WaitAsync(clock.Scale(options.WaitUntilAnsweredTimeout), clock.Time, call.Aborted);
            }
            catch (TimeoutException)
            {
                throw new TwirpException(TwirpCodes.DeadlineExceeded, "request timed out");
            }
        }

        return new JsonObject
        {
            ["participant_id"] = sipCall.Participant.Sid,
            ["participant_identity"] = sipCall.Participant.Identity,
            ["room_name"] = sipCall.Participant.RoomName,
            ["sip_call_id"] = sipCall.SipCallId,
        };
    }

    private static JsonObject TransferSipParticipant(TwirpCall call)
    {
        var roomName = call.Body.String("room_name");
        Permissions.RequireSipCall(call.Grants);
        Permissions.RequireRoomAdmin(call.Grants, roomName);
        var transferTo = call.Body.String("transfer_to");
        if (!(transferTo.StartsWith("sip:", StringComparison.Ordinal) || transferTo.StartsWith("sips:", StringComparison.Ordinal)
              || transferTo.StartsWith("tel:", StringComparison.Ordinal)))
        {
            throw TwirpException.InvalidArgument("transfer_to must be a sip:, sips: or tel: URI");
        }

        call.Body.Duration("ringing_timeout");
        var rooms = call.Service<RoomStore>();
        rooms.GetParticipant(roomName, call.Body.String("participant_identity"));

        // A transfer hands the callee to another party; the SIP participant then leaves the room normally.
        rooms.RemoveTransferred(roomName, call.Body.String("participant_identity"));
        return new JsonObject();
    }
}
