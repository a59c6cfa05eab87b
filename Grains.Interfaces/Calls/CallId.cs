using VoicePlatform.Common;

namespace VoicePlatform.Calls;

/// <summary>An outbound call's id, <c>cal_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<CallId>))]
public readonly record struct CallId : IPrefixedId<CallId>
{
    public static string Prefix => "cal_";

    public static string Noun => "call";

    [Id(0)] public string Value { get; }

    private CallId(string value) => Value = value;

    public static CallId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
