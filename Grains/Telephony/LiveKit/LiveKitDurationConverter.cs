using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// <c>google.protobuf.Duration</c> in proto3 JSON: seconds with up to nine fraction digits and an <c>s</c>
/// (<c>"30s"</c>, <c>"1.5s"</c>). A bare number is rejected by LiveKit's parser, so one is never written.
/// </summary>
internal sealed class LiveKitDurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (text.EndsWith('s') &&
                decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
        else if (reader.TokenType == JsonTokenType.Number)
        {
            return TimeSpan.FromSeconds(reader.GetDouble());
        }

        throw new JsonException("A duration must be a string such as \"30s\".");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    public static string Format(TimeSpan value)
    {
        var seconds = (decimal)value.Ticks / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }
}
