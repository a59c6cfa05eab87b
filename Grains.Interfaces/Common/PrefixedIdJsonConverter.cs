using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.Common;

/// <summary>Writes a prefixed id as its plain string in JSON (API bodies and stored grain state).</summary>
public sealed class PrefixedIdJsonConverter<T> : JsonConverter<T> where T : struct, IPrefixedId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PrefixedId.TryParse<T>(reader.GetString(), out var id) ? id : throw new JsonException($"Not a {T.Prefix}… id.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
