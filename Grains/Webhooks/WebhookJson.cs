using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>Payloads are written as the REST API writes the same objects: camelCase, kebab-case enum names, ids as strings.</summary>
public static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
