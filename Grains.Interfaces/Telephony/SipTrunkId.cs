using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>A tenant's SIP trunk: <c>trk_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.SipTrunkId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<SipTrunkId>))]
public readonly record struct SipTrunkId : IPrefixedId<SipTrunkId>
{
    public static string Prefix => "trk_";

    public static string Noun => "SIP trunk";

    [Id(0)] public string Value { get; }

    private SipTrunkId(string value) => Value = value;

    public static SipTrunkId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
