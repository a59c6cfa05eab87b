using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>An outbound trunk (<c>SIPOutboundTrunkInfo</c>).</summary>
public sealed record SipTrunk(
    string SipTrunkId,
    string Name,
    string Metadata,
    string Address,
    string Transport,
    IReadOnlyList<string> Numbers,
    string AuthUsername,
    string AuthPassword,
    IReadOnlyDictionary<string, string> Headers,
    string DestinationCountry)
{
    internal JsonObject ToProto(ProtoStyle style) =>
        new ProtoJsonWriter(style)
            .String("sip_trunk_id", SipTrunkId)
            .String("name", Name)
            .String("metadata", Metadata)
            .String("address", Address)
            .String("destination_country", DestinationCountry)
            .Enum("transport", Transport, "SIP_TRANSPORT_AUTO")
            .Strings("numbers", Numbers)
            .String("auth_username", AuthUsername)
            .String("auth_password", AuthPassword)
            .Map("headers", Headers)
            .Map("headers_to_attributes", new Dictionary<string, string>())
            .Map("attributes_to_headers", new Dictionary<string, string>())
            .Enum("include_headers", "SIP_NO_HEADERS", "SIP_NO_HEADERS")
            .Enum("media_encryption", "SIP_MEDIA_ENCRYPT_DISABLE", "SIP_MEDIA_ENCRYPT_DISABLE")
            .String("from_host", "")
            .Build();
}
