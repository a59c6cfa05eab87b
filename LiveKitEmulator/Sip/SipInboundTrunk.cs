using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>An inbound trunk (<c>SIPInboundTrunkInfo</c>): which called numbers it accepts, from where, with what auth.</summary>
public sealed record SipInboundTrunk(
    string SipTrunkId,
    string Name,
    string Metadata,
    IReadOnlyList<string> Numbers,
    IReadOnlyList<string> AllowedAddresses,
    IReadOnlyList<string> AllowedNumbers,
    string AuthUsername,
    string AuthPassword,
    IReadOnlyDictionary<string, string> HeadersToAttributes,
    TimeSpan? RingingTimeout,
    TimeSpan? MaxCallDuration,
    bool KrispEnabled)
{
    /// <summary>From a request's <c>SIPInboundTrunkInfo</c>, with the id given.</summary>
    internal static SipInboundTrunk From(ProtoRequest info, string id) => new(
        id,
        info.String("name"),
        info.String("metadata"),
        info.Strings("numbers"),
        info.Strings("allowed_addresses"),
        info.Strings("allowed_numbers"),
        info.String("auth_username"),
        info.String("auth_password"),
        info.StringMap("headers_to_attributes"),
        info.Duration("ringing_timeout"),
        info.Duration("max_call_duration"),
        info.Bool("krisp_enabled"));

    /// <summary>LiveKit's security rule: a trunk must be closed by auth, source addresses or called numbers.</summary>
    internal void Validate()
    {
        if ((AuthUsername.Length == 0 || AuthPassword.Length == 0) && AllowedAddresses.Count == 0 && Numbers.Count == 0)
        {
            throw TwirpException.InvalidArgument("for security, one of the fields must be set: AuthUsername+AuthPassword, AllowedAddresses or Numbers");
        }
    }

    internal JsonObject ToProto(ProtoStyle style) =>
        new ProtoJsonWriter(style)
            .String("sip_trunk_id", SipTrunkId)
            .String("name", Name)
            .String("metadata", Metadata)
            .Strings("numbers", Numbers)
            .Strings("allowed_addresses", AllowedAddresses)
            .Strings("allowed_numbers", AllowedNumbers)
            .String("auth_username", AuthUsername)
            .String("auth_password", AuthPassword)
            .Map("headers", new Dictionary<string, string>())
            .Map("headers_to_attributes", HeadersToAttributes)
            .Map("attributes_to_headers", new Dictionary<string, string>())
            .Enum("include_headers", "SIP_NO_HEADERS", "SIP_NO_HEADERS")
            .Duration("ringing_timeout", RingingTimeout)
            .Duration("max_call_duration", MaxCallDuration)
            .Bool("krisp_enabled", KrispEnabled)
            .Enum("media_encryption", "SIP_MEDIA_ENCRYPT_DISABLE", "SIP_MEDIA_ENCRYPT_DISABLE")
            .String("auth_realm", "")
            .Build();
}
