using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary><c>livekit.SIP</c>: outbound and inbound trunks, dispatch rules, outbound calls and transfers.</summary>
public static class SipApi
{
    public const string Service = "livekit.SIP";

    private static readonly TimeSpan MaxCallDurationCap = TimeSpan.FromHours(24);

    public static TwirpRouter MapSipService(this TwirpRouter router) =>
        router
            .Add(Service, "CreateSIPOutboundTrunk", CreateSipOutboundTrunk)
            .Add(Service, "ListSIPOutboundTrunk", ListSipOutboundTrunk)
            .Add(Service, "GetSIPOutboundTrunk", GetSipOutboundTrunk)
            .Add(Service, "UpdateSIPOutboundTrunk", UpdateSipOutboundTrunk)
            .Add(Service, "CreateSIPInboundTrunk", CreateSipInboundTrunk)
            .Add(Service, "GetSIPInboundTrunk", GetSipInboundTrunk)
            .Add(Service, "ListSIPInboundTrunk", ListSipInboundTrunk)
            .Add(Service, "UpdateSIPInboundTrunk", UpdateSipInboundTrunk)
            .Add(Service, "DeleteSIPTrunk", DeleteSipTrunk)
            .Add(Service, "CreateSIPDispatchRule", CreateSipDispatchRule)
            .Add(Service, "UpdateSIPDispatchRule", UpdateSipDispatchRule)
            .Add(Service, "ListSIPDispatchRule", ListSipDispatchRule)
            .Add(Service, "DeleteSIPDispatchRule", DeleteSipDispatchRule)
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

    private static JsonObject GetSipOutboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = RequiredTrunkId(call.Body);
        var trunk = call.Service<SipTrunkStore>().Find(id) ?? throw TwirpException.NotFound("requested sip trunk does not exist");
        return new JsonObject { ["trunk"] = trunk.ToProto(ProtoStyle.TwirpResponse) };
    }

    /// <summary><c>{sipTrunkId, replace}</c> or <c>{sipTrunkId, update}</c>; the result must still be a valid trunk.</summary>
    private static JsonObject UpdateSipOutboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = call.Body.String("sip_trunk_id");
        if (id.Length == 0) throw TwirpException.InvalidArgument("trunk id must be set");
        var store = call.Service<SipTrunkStore>();
        var current = store.Find(id) ?? throw TwirpException.NotFound("requested sip trunk does not exist");
        SipTrunk updated;
        if (call.Body.Message("replace") is { } replace)
        {
            if (replace.String("sip_trunk_id") is { Length: > 0 } inner && inner != id)
                throw TwirpException.InvalidArgument("trunk id in the info must be empty or match the id in the update");
            updated = new SipTrunk(id, replace.String("name"), replace.String("metadata"), replace.String("address"),
                replace.String("transport") is { Length: > 0 } transport ? transport : "SIP_TRANSPORT_AUTO", replace.Strings("numbers"),
                replace.String("auth_username"), replace.String("auth_password"), replace.StringMap("headers"), replace.String("destination_country"));
        }
        else if (call.Body.Message("update") is { } update)
        {
            updated = current with
            {
                Address = update.OptionalString("address") ?? current.Address,
                Transport = update.OptionalString("transport") ?? current.Transport,
                Numbers = ListUpdate.Apply(current.Numbers, update.Message("numbers")),
                AuthUsername = update.OptionalString("auth_username") ?? current.AuthUsername,
                AuthPassword = update.OptionalString("auth_password") ?? current.AuthPassword,
                Name = update.OptionalString("name") ?? current.Name,
                Metadata = update.OptionalString("metadata") ?? current.Metadata,
                DestinationCountry = update.OptionalString("destination_country") ?? current.DestinationCountry,
            };
        }
        else
        {
            throw TwirpException.InvalidArgument("missing or unsupported update action");
        }

        // LiveKit checks the result with the plain validation error, which Twirp reports as unknown (500).
        if (updated.Numbers.Count == 0) throw new TwirpException(TwirpCodes.Unknown, "no trunk numbers specified");
        if (updated.Address.Length == 0) throw new TwirpException(TwirpCodes.Unknown, "no outbound address specified");
        store.Replace(updated);
        return updated.ToProto(ProtoStyle.TwirpResponse);
    }

    private static JsonObject CreateSipInboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var info = call.Body.Message("trunk") ?? throw TwirpException.InvalidArgument("missing trunk");
        if (info.String("sip_trunk_id").Length > 0) throw TwirpException.InvalidArgument("trunk id must not be set");
        var trunk = SipInboundTrunk.From(info, LiveKitIds.New(LiveKitIds.SipTrunk));
        trunk.Validate();
        call.Service<SipTrunkStore>().PutInbound(trunk, isNew: true);
        return trunk.ToProto(ProtoStyle.TwirpResponse);
    }

    private static JsonObject GetSipInboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = RequiredTrunkId(call.Body);
        var trunk = call.Service<SipTrunkStore>().FindInbound(id) ?? throw TwirpException.NotFound("requested sip trunk does not exist");
        return new JsonObject { ["trunk"] = trunk.ToProto(ProtoStyle.TwirpResponse) };
    }

    /// <summary>Filters by ids; a numbers filter keeps trunks holding one of them and every wildcard trunk.</summary>
    private static JsonObject ListSipInboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var ids = call.Body.Strings("trunk_ids");
        var numbers = call.Body.Strings("numbers");
        var items = call.Service<SipTrunkStore>().ListInbound()
            .Where(t => ids.Count == 0 || ids.Contains(t.SipTrunkId))
            .Where(t => numbers.Count == 0 || t.Numbers.Count == 0 || t.Numbers.Any(numbers.Contains))
            .Select(t => (JsonNode?)t.ToProto(ProtoStyle.TwirpResponse));
        return new JsonObject { ["items"] = new JsonArray(items.ToArray()) };
    }

    private static JsonObject UpdateSipInboundTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = call.Body.String("sip_trunk_id");
        if (id.Length == 0) throw TwirpException.InvalidArgument("trunk id must be set");
        var store = call.Service<SipTrunkStore>();
        var current = store.FindInbound(id) ?? throw TwirpException.NotFound("requested sip trunk does not exist");
        SipInboundTrunk updated;
        if (call.Body.Message("replace") is { } replace)
        {
            if (replace.String("sip_trunk_id") is { Length: > 0 } inner && inner != id)
                throw TwirpException.InvalidArgument("trunk id in the info must be empty or match the id in the update");
            updated = SipInboundTrunk.From(replace, id);
        }
        else if (call.Body.Message("update") is { } update)
        {
            updated = current with
            {
                Numbers = ListUpdate.Apply(current.Numbers, update.Message("numbers")),
                AllowedAddresses = ListUpdate.Apply(current.AllowedAddresses, update.Message("allowed_addresses")),
                AllowedNumbers = ListUpdate.Apply(current.AllowedNumbers, update.Message("allowed_numbers")),
                AuthUsername = update.OptionalString("auth_username") ?? current.AuthUsername,
                AuthPassword = update.OptionalString("auth_password") ?? current.AuthPassword,
                Name = update.OptionalString("name") ?? current.Name,
                Metadata = update.OptionalString("metadata") ?? current.Metadata,
            };
        }
        else
        {
            throw TwirpException.InvalidArgument("missing or unsupported update action");
        }

        updated.Validate();
        store.PutInbound(updated, isNew: false);
        return updated.ToProto(ProtoStyle.TwirpResponse);
    }

    /// <summary>Deletes an inbound or outbound trunk; an unknown id succeeds too, as in LiveKit (a hash delete).</summary>
    private static JsonObject DeleteSipTrunk(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = RequiredTrunkId(call.Body);
        call.Service<SipTrunkStore>().Delete(id);
        return new ProtoJsonWriter(ProtoStyle.TwirpResponse).String("sip_trunk_id", id).Build();
    }

    /// <summary>The <c>dispatch_rule</c> message, or the deprecated flat form (the Node SDK still sends it) when that is absent.</summary>
    private static JsonObject CreateSipDispatchRule(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var info = call.Body.Message("dispatch_rule") ?? call.Body;
        if (info.String("sip_dispatch_rule_id").Length > 0) throw TwirpException.InvalidArgument("rule id must not be set");
        var rule = SipDispatchRule.From(info, LiveKitIds.New("SDR_"));
        call.Service<SipDispatchRuleStore>().Put(rule, isNew: true);
        return rule.ToProto(ProtoStyle.TwirpResponse);
    }

    /// <summary><c>{sipDispatchRuleId, replace}</c> or <c>{sipDispatchRuleId, update}</c> (trunk list update, rule, name, metadata, attributes merged).</summary>
    private static JsonObject UpdateSipDispatchRule(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = call.Body.String("sip_dispatch_rule_id");
        if (id.Length == 0) throw TwirpException.InvalidArgument("dispatch rule ID is required");
        var store = call.Service<SipDispatchRuleStore>();
        var current = store.Find(id) ?? throw TwirpException.NotFound("requested sip dispatch rule does not exist");
        SipDispatchRule updated;
        if (call.Body.Message("replace") is { } replace)
        {
            if (replace.String("sip_dispatch_rule_id") is { Length: > 0 } inner && inner != id)
                throw TwirpException.InvalidArgument("rule id in the info must be empty or match the id in the update");
            updated = SipDispatchRule.From(replace, id);
        }
        else if (call.Body.Message("update") is { } update)
        {
            updated = current with
            {
                TrunkIds = ListUpdate.Apply(current.TrunkIds, update.Message("trunk_ids")),
                Name = update.OptionalString("name") ?? current.Name,
                Metadata = update.OptionalString("metadata") ?? current.Metadata,
                Attributes = MergeAttributes(current.Attributes, update.StringMap("attributes")),
            };
            if (update.Message("rule") is { } rule)
            {
                var (type, room, pin, random) = SipDispatchRule.ReadRule(rule);
                updated = updated with { Type = type, RoomNameOrPrefix = room, Pin = pin, Random = random };
            }
        }
        else
        {
            throw TwirpException.InvalidArgument("missing or unsupported update action");
        }

        store.Put(updated, isNew: false);
        return updated.ToProto(ProtoStyle.TwirpResponse);
    }

    /// <summary>Filters by ids; a trunk filter keeps rules for one of the trunks and every wildcard rule.</summary>
    private static JsonObject ListSipDispatchRule(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var ids = call.Body.Strings("dispatch_rule_ids");
        var trunks = call.Body.Strings("trunk_ids");
        var items = call.Service<SipDispatchRuleStore>().List()
            .Where(r => ids.Count == 0 || ids.Contains(r.Id))
            .Where(r => trunks.Count == 0 || r.TrunkIds.Count == 0 || r.TrunkIds.Any(trunks.Contains))
            .Select(r => (JsonNode?)r.ToProto(ProtoStyle.TwirpResponse));
        return new JsonObject { ["items"] = new JsonArray(items.ToArray()) };
    }

    private static JsonObject DeleteSipDispatchRule(TwirpCall call)
    {
        Permissions.RequireSipAdmin(call.Grants);
        var id = call.Body.String("sip_dispatch_rule_id");
        if (id.Length == 0) throw TwirpException.InvalidArgument("dispatch rule ID is required");
        var store = call.Service<SipDispatchRuleStore>();
        var rule = store.Find(id);
        if (rule is null || !store.Delete(id)) throw TwirpException.NotFound("requested sip dispatch rule does not exist");
        return rule.ToProto(ProtoStyle.TwirpResponse);
    }

    /// <summary>LiveKit merges attribute updates; an empty value deletes the key.</summary>
    private static IReadOnlyDictionary<string, string> MergeAttributes(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value.Length == 0) merged.Remove(key);
            else merged[key] = value;
        }
        return merged;
    }

    private static string RequiredTrunkId(ProtoRequest body) =>
        body.String("sip_trunk_id") is { Length: > 0 } id ? id : throw TwirpException.InvalidArgument("trunk ID is required");

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
