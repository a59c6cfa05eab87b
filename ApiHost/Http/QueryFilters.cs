using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// List query strings, read the same way on every resource: a page size, optional ids and enum values,
/// each recording a problem under its parameter's name.
/// </summary>
public static class QueryFilters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int Limit(int? limit, IDictionary<string, string[]> errors)
    {
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"Between 1 and {MaxLimit}."];
        return limit ?? DefaultLimit;
    }

    public static T? Id<T>(string? value, string field, IDictionary<string, string[]> errors) where T : struct, IPrefixedId<T>
    {
        if (value is null) return null;
        if (PrefixedId.TryParse<T>(value, out var id)) return id;
        errors[field] = [$"Not a {T.Prefix}… id."];
        return null;
    }

    public static T? Enum<T>(string? value, string field, IDictionary<string, string[]> errors) where T : struct, System.Enum
    {
        if (value is null) return null;
        if (KebabEnum<T>.TryParse(value, out var parsed)) return parsed;
        errors[field] = [$"One of: {string.Join(", ", KebabEnum<T>.Names)}."];
        return null;
    }

    /// <summary>An ISO 8601 time; the offset is required, since a bare local time would mean a different instant on every server.</summary>
    public static DateTimeOffset? Time(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            && (value.EndsWith('Z') || value.EndsWith('z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T')))
            return time;
        errors[field] = ["An ISO 8601 time with an offset, e.g. 2026-11-24T09:00:00Z."];
        return null;
    }
}
