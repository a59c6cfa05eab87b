using System.Text.Json;

namespace VoicePlatform.Silo.Storage;

/// <summary>
/// An enum value as the project's own tables (call records, wallet ledger) store it: its kebab-case name, spelled as in JSON (max-duration-reached,
/// not-interested), so reordering or renumbering a C# enum never changes what a stored row means.
/// </summary>
internal static class KebabEnumText<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names =
        Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    private static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(T value) => Names.TryGetValue(value, out var name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a named {typeof(T).Name}.");

    public static string? Name(T? value) => value is { } v ? Name(v) : null;

    /// <summary>Reads a stored name; an unknown one means the row was written by a newer build.</summary>
    public static T Parse(string name) => Values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"'{name}' is not a {typeof(T).Name} this build knows.");
}
