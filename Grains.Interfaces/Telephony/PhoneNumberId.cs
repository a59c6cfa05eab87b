using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>A tenant's caller-id phone number: <c>num_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.PhoneNumberId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<PhoneNumberId>))]
public readonly record struct PhoneNumberId : IPrefixedId<PhoneNumberId>
{
    public static string Prefix => "num_";

    public static string Noun => "phone number";

    [Id(0)] public string Value { get; }

    private PhoneNumberId(string value) => Value = value;

    public static PhoneNumberId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
