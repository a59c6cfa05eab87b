using System.Text.Json.Nodes;

namespace VoicePlatform.Tests.Http;

/// <summary>Reading request body schemas out of the host's OpenAPI document, for tests that probe every route.</summary>
public static class OpenApiSchemas
{
    public static IEnumerable<KeyValuePair<string, JsonNode?>> Properties(JsonObject schema) =>
        schema["properties"] is JsonObject properties ? properties : [];

    /// <summary>Follows <c>$ref</c> and the nullable <c>oneOf</c>/<c>anyOf</c> wrappers to the schema that says what it is.</summary>
    public static JsonObject Resolve(JsonNode schema, JsonObject schemas)
    {
        var current = schema.AsObject();
        for (var hops = 0; hops < 8; hops++)
        {
            if (current["$ref"] is { } reference) { current = schemas[reference.GetValue<string>().Split('/')[^1]]!.AsObject(); continue; }
            var options = (current["oneOf"] ?? current["anyOf"]) as JsonArray;
            var concrete = options?.Select(o => o!.AsObject()).FirstOrDefault(o => o["$ref"] is not null || o["type"]?.ToString() is not "null");
            if (concrete is null) return current;
            current = concrete;
        }
        return current;
    }
}
