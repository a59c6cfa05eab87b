using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.Tenants;

/// <summary>Writes a tenant id as its plain string in JSON (API bodies and stored grain state).</summary>
public sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TenantId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not a tenant id.");

    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
