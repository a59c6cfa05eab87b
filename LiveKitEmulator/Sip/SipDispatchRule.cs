using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// A dispatch rule (<c>SIPDispatchRuleInfo</c>): which inbound calls it takes and the room each lands in. The rule is
/// one of Direct (one named room), Individual (a room per caller) and Callee (a room per called number).
/// </summary>
public sealed record SipDispatchRule(
    string Id,
    SipDispatchRuleType Type,
    string RoomNameOrPrefix,
    string Pin,
    bool Random,
    IReadOnlyList<string> TrunkIds,
    bool HidePhoneNumber,
    IReadOnlyList<string> InboundNumbers,
    IReadOnlyList<string> Numbers,
    string Name,
    string Metadata,
    IReadOnlyDictionary<string, string> Attributes,
    SipRoomConfiguration? RoomConfig)
{
    /// <summary>
    /// From a create or replace request: the <c>dispatch_rule</c> message, or the deprecated flat fields (the Node SDK
    /// still sends those) when it is absent.
    /// </summary>
    internal static SipDispatchRule From(ProtoRequest info, string id)
    {
        var rule = info.Message("rule") ?? throw TwirpException.InvalidArgument("missing rule");
        var (type, room, pin, random) = ReadRule(rule);
        return new SipDispatchRule(id, type, room, pin, random,
            info.Strings("trunk_ids"), info.Bool("hide_phone_number"), info.Strings("inbound_numbers"), info.Strings("numbers"),
            info.String("name"), info.String("metadata"), info.StringMap("attributes"),
            info.Message("room_config") is { } config ? SipRoomConfiguration.From(config) : null);
    }

    internal static (SipDispatchRuleType, string, string, bool) ReadRule(ProtoRequest rule)
    {
        if (rule.Message("dispatch_rule_direct") is { } direct)
            return (SipDispatchRuleType.Direct, direct.String("room_name"), direct.String("pin"), false);
        if (rule.Message("dispatch_rule_individual") is { } individual)
            return (SipDispatchRuleType.Individual, individual.String("room_prefix"), individual.String("pin"), !individual.Bool("no_randomness"));
        if (rule.Message("dispatch_rule_callee") is { } callee)
            return (SipDispatchRuleType.Callee, callee.String("room_prefix"), callee.String("pin"), callee.Bool("randomize"));
        throw TwirpException.InvalidArgument("missing rule");
    }

    /// <summary>
    /// The room a call from <paramref name="caller"/> to <paramref name="called"/> lands in, as LiveKit names it: Individual
    /// <c>{prefix}_{caller}_{random}</c>, Callee <c>{prefix}_{called}</c> (random only when asked), Direct the name given.
    /// </summary>
    public string RoomFor(string caller, string called)
    {
        var shownCaller = HidePhoneNumber ? MaskedDigits(caller) : caller;
        var room = Type switch
        {
            SipDispatchRuleType.Direct => RoomNameOrPrefix,
            SipDispatchRuleType.Individual => RoomNameOrPrefix.Length == 0 ? shownCaller : $"{RoomNameOrPrefix}_{shownCaller}",
            _ => RoomNameOrPrefix.Length == 0 ? called : $"{RoomNameOrPrefix}_{called}",
        };
        return Type != SipDispatchRuleType.Direct && Random ? $"{room}_{LiveKitIds.New("")}" : room;
    }

    /// <summary>The caller's identity in the room: <c>sip_{caller}</c>, or a hash of it when the number is hidden.</summary>
    public string IdentityFor(string caller) =>
        HidePhoneNumber ? "sip_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller)))[..16] : "sip_" + caller;

    public string ParticipantNameFor(string caller) => HidePhoneNumber ? "Phone " + MaskedDigits(caller) : "Phone " + caller;

    /// <summary>LiveKit's priority: lower wins; PIN rules first, then Direct, Individual, Callee, then fewer wildcards.</summary>
    public int Priority => (Pin.Length > 0 ? 0 : 100) + (int)Type + (InboundNumbers.Count == 0 ? 1000 : 0) + (Numbers.Count == 0 ? 1000 : 0);

    private static string MaskedDigits(string caller) => caller.Length <= 4 ? caller : caller[^4..];

    internal JsonObject ToProto(ProtoStyle style)
    {
        var rule = Type switch
        {
            SipDispatchRuleType.Direct => new JsonObject
            {
                ["dispatch_rule_direct"] = new ProtoJsonWriter(style).String("room_name", RoomNameOrPrefix).String("pin", Pin).Build(),
            },
            SipDispatchRuleType.Individual => new JsonObject
            {
                ["dispatch_rule_individual"] = new ProtoJsonWriter(style).String("room_prefix", RoomNameOrPrefix).String("pin", Pin).Bool("no_randomness", !Random).Build(),
            },
            _ => new JsonObject
            {
                ["dispatch_rule_callee"] = new ProtoJsonWriter(style).String("room_prefix", RoomNameOrPrefix).String("pin", Pin).Bool("randomize", Random).Build(),
            },
        };
        return new ProtoJsonWriter(style)
            .String("sip_dispatch_rule_id", Id)
            .Message("rule", rule)
            .Strings("trunk_ids", TrunkIds)
            .Bool("hide_phone_number", HidePhoneNumber)
            .Strings("inbound_numbers", InboundNumbers)
            .Strings("numbers", Numbers)
            .String("name", Name)
            .String("metadata", Metadata)
            .Map("attributes", Attributes)
            .String("room_preset", "")
            .Message("room_config", RoomConfig?.ToProto(style))
            .Bool("krisp_enabled", false)
            .Enum("media_encryption", "SIP_MEDIA_ENCRYPT_DISABLE", "SIP_MEDIA_ENCRYPT_DISABLE")
            .Build();
    }
}
