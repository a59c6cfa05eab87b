using System.Text;
using System.Text.Json;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// The body POSTed for an event: the live feed's envelope with the event's id — <c>id</c>, <c>type</c>, <c>tenantId</c>,
/// <c>sourceId</c>, <c>sourceEpoch</c>, <c>sequence</c>, <c>at</c>, <c>payload</c> — written the same way every time, so
/// every delivery of an event carries the same bytes.
/// </summary>
public static class WebhookEnvelope
{
    public static string Body(TenantEvent item)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + item.PayloadJson.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", item.Id);
            json.WriteString("type", item.Type);
            json.WriteString("tenantId", item.TenantId.Value);
            json.WriteString("sourceId", item.SourceId);
            json.WriteString("sourceEpoch", TenantEvent.DurableEpoch);
            json.WriteNumber("sequence", item.Sequence);
            json.WriteString("at", item.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WritePropertyName("payload");
            json.WriteRawValue(item.PayloadJson, skipInputValidation: true);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
