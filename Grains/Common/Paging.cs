using VoicePlatform.Common;

namespace VoicePlatform.Grains.Common;

/// <summary>Keyset paging over in-memory indexes: items in id order, after a cursor, at most a page.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static Page<T> Take<T>(IEnumerable<T> items, Func<T, string> id, string? after, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var page = items
            .Where(i => after is null || string.CompareOrdinal(id(i), after) > 0)
            .OrderBy(id, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        return new Page<T> { Items = page, Next = more ? id(page[^1]) : null };
    }
}
