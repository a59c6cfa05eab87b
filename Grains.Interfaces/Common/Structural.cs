using System.Text.Json;

namespace VoicePlatform.Common;

/// <summary>
/// Value equality for records that hold lists (records compare lists by reference): used to recognise
/// an idempotent repeat and a no-op update.
/// </summary>
public static class Structural
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static bool Same<T>(T? a, T? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options));
}
