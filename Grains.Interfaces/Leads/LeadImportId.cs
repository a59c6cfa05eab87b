using VoicePlatform.Common;

namespace VoicePlatform.Leads;

/// <summary>A lead import job's id, <c>imp_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadImportId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<LeadImportId>))]
public readonly record struct LeadImportId : IPrefixedId<LeadImportId>
{
    public static string Prefix => "imp_";

    public static string Noun => "lead import";

    [Id(0)] public string Value { get; }

    private LeadImportId(string value) => Value = value;

    public static LeadImportId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
