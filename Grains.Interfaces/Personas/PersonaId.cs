using VoicePlatform.Common;

namespace VoicePlatform.Personas;

[GenerateSerializer, Immutable, Alias("vp.PersonaId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<PersonaId>))]
public readonly record struct PersonaId : IPrefixedId<PersonaId>
{
    public static string Prefix => "per_";

    public static string Noun => "persona";

    [Id(0)] public string Value { get; }

    private PersonaId(string value) => Value = value;

    public static PersonaId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
