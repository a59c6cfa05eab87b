using System.Text.Json.Serialization;
using VoicePlatform.Common;

namespace VoicePlatform.Personas;

/// <summary>A function the persona may call during a conversation (LLM tool calling).</summary>
[GenerateSerializer, Immutable, Alias("vp.PersonaTool")]
public sealed record PersonaTool
{
    /// <summary>snake_case function name, e.g. book_appointment.</summary>
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Description { get; init; }

    /// <summary>JSON Schema (an object) of the function's parameters; JSON bodies carry it as an object.</summary>
    [Id(2)] [JsonConverter(typeof(RawJsonObjectConverter))] public string Parameters { get; init; } = """{"type":"object","properties":{}}""";
}
