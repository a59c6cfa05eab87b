using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.Common;

/// <summary>
/// A string property that holds a JSON object (a tool's parameter schema): read from and written to JSON
/// as the object itself, stored as its text.
/// </summary>
public sealed class RawJsonObjectConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("A JSON object is required.");
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value);
}
