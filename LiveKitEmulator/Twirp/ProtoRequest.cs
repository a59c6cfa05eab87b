using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>
/// A decoded proto3-JSON request body read the way <c>protojson</c> with <c>DiscardUnknown</c> reads it:
/// a field may be given by its proto name or its JSON name, unknown fields are ignored, and a value of
/// the wrong JSON type makes the whole request <c>malformed</c>.
/// </summary>
public sealed partial class ProtoRequest(JsonObject body)
{
    public static ProtoRequest Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return new ProtoRequest(new JsonObject());
        }

        try
        {
            return JsonNode.Parse(bytes) is JsonObject body ? new ProtoRequest(body) : throw TwirpException.Malformed();
        }
        catch (JsonException)
        {
            throw TwirpException.Malformed();
        }
    }

    public string String(string protoName) => Value(protoName) switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw TwirpException.Malformed(),
    };

    /// <summary>A proto3 <c>optional string</c>: null when the field is absent, so an update can tell "unset" from "empty".</summary>
    public string? OptionalString(string protoName) => Value(protoName) is null ? null : String(protoName);

    public bool Bool(string protoName) => Value(protoName) switch
    {
        null => false,
        JsonValue value when value.GetValueKind() == JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() == JsonValueKind.False => false,
        _ => throw TwirpException.Malformed(),
    };

    /// <summary>An integer given as a JSON number or a decimal string, as proto3 JSON allows for every integer type.</summary>
    public long Int64(string protoName)
    {
        switch (Value(protoName))
        {
            case null:
                return 0;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number):
                return number;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String
                && long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw TwirpException.Malformed();
        }
    }

    /// <summary>A <c>google.protobuf.Duration</c>: only a string such as <c>"30s"</c> or <c>"1.5s"</c>; a bare number is malformed.</summary>
    public TimeSpan? Duration(string protoName)
    {
        switch (Value(protoName))
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var match = DurationPattern().Match(value.GetValue<string>());
                if (!match.Success)
                {
                    throw TwirpException.Malformed();
                }

                var seconds = decimal.Parse(match.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            default:
                throw TwirpException.Malformed();
        }
    }

    public IReadOnlyDictionary<string, string> StringMap(string protoName)
    {
        switch (Value(protoName))
        {
            case null:
                return new Dictionary<string, string>();
            case JsonObject map:
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, item) in map)
                {
                    result[key] = item is JsonValue value && value.GetValueKind() == JsonValueKind.String
                        ? value.GetValue<string>()
                        : throw TwirpException.Malformed();
                }

                return result;
            default:
                throw TwirpException.Malformed();
        }
    }

    public IReadOnlyList<string> Strings(string protoName) =>
        Value(protoName) switch
        {
            null => [],
            JsonArray array => array.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw TwirpException.Malformed()).ToArray(),
            _ => throw TwirpException.Malformed(),
        };

    public ProtoRequest? Message(string protoName) => Value(protoName) switch
    {
        null => null,
        JsonObject inner => new ProtoRequest(inner),
        _ => throw TwirpException.Malformed(),
    };

    public IReadOnlyList<ProtoRequest> Messages(string protoName) =>
        Value(protoName) switch
        {
            null => [],
            JsonArray array => array.Select(item => item is JsonObject inner ? new ProtoRequest(inner) : throw TwirpException.Malformed()).ToArray(),
            _ => throw TwirpException.Malformed(),
        };

    private JsonNode? Value(string protoName)
    {
        if (body.TryGetPropertyValue(protoName, out var node) && node is not null)
        {
            return node;
        }

        return body.TryGetPropertyValue(ProtoJsonWriter.ToJsonName(protoName), out var camel) ? camel : null;
    }

    [GeneratedRegex(@"^(-?\d+(?:\.\d{1,9})?)s$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
