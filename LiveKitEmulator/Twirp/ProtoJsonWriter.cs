using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>
/// Builds one protojson object field by field from proto names. int64 values become strings,
/// enums their names, and zero values are written or left out as the <see cref="ProtoStyle"/> says.
/// </summary>
public sealed class ProtoJsonWriter(ProtoStyle style)
{
    private readonly JsonObject _object = new();

    /// <summary>Compact output without HTML-escaping, closer to what Go's protojson writes.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions SerializerOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ProtoStyle Style { get; } = style;

    private bool EmitZero => Style == ProtoStyle.TwirpResponse;

    public ProtoJsonWriter String(string protoName, string? value)
    {
        if (!string.IsNullOrEmpty(value) || EmitZero)
        {
            _object[Name(protoName)] = value ?? "";
        }

        return this;
    }

    public ProtoJsonWriter Int64(string protoName, long value)
    {
        if (value != 0 || EmitZero)
        {
            _object[Name(protoName)] = value.ToString(CultureInfo.InvariantCulture);
        }

        return this;
    }

    public ProtoJsonWriter UInt32(string protoName, long value)
    {
        if (value != 0 || EmitZero)
        {
            _object[Name(protoName)] = value;
        }

        return this;
    }

    public ProtoJsonWriter Bool(string protoName, bool value)
    {
        if (value || EmitZero)
        {
            _object[Name(protoName)] = value;
        }

        return this;
    }

    /// <summary>Writes an enum by name; <paramref name="zeroName"/> is the name of value 0.</summary>
    public ProtoJsonWriter Enum(string protoName, string value, string zeroName)
    {
        if (value != zeroName || EmitZero)
        {
            _object[Name(protoName)] = value;
        }

        return this;
    }

    public ProtoJsonWriter Duration(string protoName, TimeSpan? value)
    {
        if (value is { } duration)
        {
            _object[Name(protoName)] = FormatDuration(duration);
        }
        else if (EmitZero)
        {
            _object[Name(protoName)] = null;
        }

        return this;
    }

    public ProtoJsonWriter Message(string protoName, JsonObject? value)
    {
        if (value is not null || EmitZero)
        {
            _object[Name(protoName)] = value;
        }

        return this;
    }

    public ProtoJsonWriter Map(string protoName, IReadOnlyDictionary<string, string> value)
    {
        if (value.Count > 0 || EmitZero)
        {
            var map = new JsonObject();
            foreach (var (key, item) in value.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                map[key] = item;
            }

            _object[Name(protoName)] = map;
        }

        return this;
    }

    public ProtoJsonWriter List(string protoName, IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray(items.ToArray());
        if (array.Count > 0 || EmitZero)
        {
            _object[Name(protoName)] = array;
        }

        return this;
    }

    public ProtoJsonWriter Strings(string protoName, IEnumerable<string> items) =>
        List(protoName, items.Select(item => (JsonNode?)JsonValue.Create(item)));

    public JsonObject Build() => _object;

    public static string FormatDuration(TimeSpan duration)
    {
        var seconds = duration.Ticks / (decimal)TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }

    private string Name(string protoName) => Style == ProtoStyle.TwirpResponse ? protoName : ToJsonName(protoName);

    /// <summary>The protobuf JSON name of a field: snake_case to lowerCamelCase.</summary>
    public static string ToJsonName(string protoName)
    {
        var builder = new StringBuilder(protoName.Length);
        var upper = false;
        foreach (var c in protoName)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }
}
