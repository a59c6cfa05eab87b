using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace VoicePlatform.Common;

/// <summary>
/// An enum value as the platform spells it everywhere outside C#: its kebab-case name (tenant-admin,
/// max-duration-reached), the same in JSON bodies, query strings, the project's tables and call history, so
/// reordering or renumbering a C# enum never changes what a stored row or a client's request means.
/// </summary>
public static class KebabEnum<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> NamesByValue =
        Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    private static readonly Dictionary<string, T> ValuesByName = NamesByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every name, in declaration order (for "one of: …" messages).</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<T>().Select(v => NamesByValue[v]).ToArray();

    public static string Name(T value) => NamesByValue.TryGetValue(value, out var name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a named {typeof(T).Name}.");

    public static string? Name(T? value) => value is { } v ? Name(v) : null;

    public static bool TryParse([NotNullWhen(true)] string? name, out T value) =>
        ValuesByName.TryGetValue(name ?? "", out value);

    /// <summary>Reads a stored name; an unknown one means the row was written by a newer build.</summary>
    public static T Parse(string name) => ValuesByName.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"'{name}' is not a {typeof(T).Name} this build knows.");
}

/// <summary>Kebab-case names of enum values without naming the type (<c>status.Kebab()</c>).</summary>
public static class KebabEnumExtensions
{
    public static string Kebab<T>(this T value) where T : struct, Enum => KebabEnum<T>.Name(value);
}
