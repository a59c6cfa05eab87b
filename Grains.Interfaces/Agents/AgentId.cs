using VoicePlatform.Common;

namespace VoicePlatform.Agents;

[GenerateSerializer, Immutable, Alias("vp.AgentId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<AgentId>))]
public readonly record struct AgentId : IPrefixedId<AgentId>
{
    public static string Prefix => "agt_";

    public static string Noun => "agent";

    [Id(0)] public string Value { get; }

    private AgentId(string value) => Value = value;

    public static AgentId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
