using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.ApiKeys;

/// <summary>Writes an API key id as its plain string in JSON (API bodies and stored grain state).</summary>
public sealed class ApiKeyIdJsonConverter : JsonConverter<ApiKeyId>
{
    public override ApiKeyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ApiKeyId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not an API key id.");

    public override void Write(Utf8JsonWriter writer, ApiKeyId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
