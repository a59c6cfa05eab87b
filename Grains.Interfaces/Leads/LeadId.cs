using VoicePlatform.Common;

namespace VoicePlatform.Leads;

/// <summary>A lead's id, <c>led_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<LeadId>))]
public readonly record struct LeadId : IPrefixedId<LeadId>
{
    public static string Prefix => "led_";

    public static string Noun => "lead";

    [Id(0)] public string Value { get; }

    private LeadId(string value) => Value = value;

    public static LeadId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
