using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>The platform API's JSON: camelCase names, kebab-case enums, absent rather than null optional fields.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };
}
