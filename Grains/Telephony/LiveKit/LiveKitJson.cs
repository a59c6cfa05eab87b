using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// JSON as LiveKit speaks it. Requests go out with proto (snake_case) names and Duration strings. Replies
/// and webhooks are read tolerantly: snake_case or camelCase names, int64 as string or number, unknown
/// fields ignored and <c>null</c> treated as unset.
/// </summary>
internal static class LiveKitJson
{
    // Map-valued fields: their keys are data (for example "sip.callID"), never renamed.
    private static readonly HashSet<string> MapFields =
    [
        "attributes", "participant_attributes", "headers", "headers_to_attributes", "attributes_to_headers", "tags",
    ];

    public static readonly JsonSerializerOptions Requests = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new LiveKitDurationConverter() },
    };

    public static readonly JsonSerializerOptions Replies = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new LiveKitDurationConverter() },
    };

    /// <summary>Webhook bodies as LiveKit's protojson writes them: camelCase, zero values, empty strings and empty lists omitted.</summary>
    public static readonly JsonSerializerOptions WebhookBodies = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
        Converters = { new LiveKitDurationConverter() },
    };

    public static T Read<T>(ReadOnlySpan<byte> json) where T : class
    {
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        if (node is not JsonObject root) throw new JsonException($"Expected a JSON object for {typeof(T).Name}.");
        return Normalize(root).Deserialize<T>(Replies) ?? throw new JsonException($"Empty {typeof(T).Name}.");
    }

    /// <summary>Renames camelCase keys to snake_case (except inside map fields) and drops nulls, in place.</summary>
    private static JsonObject Normalize(JsonObject obj)
    {
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            if (value is null) continue;
            var name = ToSnakeCase(key);
            if (!MapFields.Contains(name)) NormalizeValue(value);
            obj[name] = value;
        }

        return obj;
    }

    private static void NormalizeValue(JsonNode value)
    {
        switch (value)
        {
            case JsonObject child:
                Normalize(child);
                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is { } item) NormalizeValue(item);
                    else array.RemoveAt(i);
                }
                break;
        }
    }

    private static string ToSnakeCase(string name)
    {
        if (!name.Any(char.IsUpper)) return name;
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                if (builder.Length > 0) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void OmitEmptyCollections(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string))
            {
                property.ShouldSerialize = (_, value) => value is string { Length: > 0 };
                continue;
            }

            if (!typeof(IEnumerable).IsAssignableFrom(property.PropertyType)) continue;
            var inner = property.ShouldSerialize;
            property.ShouldSerialize = (owner, value) =>
                value is ICollection { Count: > 0 } && (inner is null || inner(owner, value));
        }
    }
}
