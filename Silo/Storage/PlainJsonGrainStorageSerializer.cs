using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace VoicePlatform.Silo.Storage;

/// <summary>
/// Grain state as plain System.Text.Json: property names only, never CLR type names, so renaming or
/// moving a state type never orphans stored rows (Orleans' default JSON writes "$type").
/// </summary>
public sealed class PlainJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Unknown members in an old row are ignored so a field can be removed; enums are stored by name
            // so reordering an enum never changes what a row means.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
