using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.Grains.CallRecords;

/// <summary>
/// The keyset cursor of a newest-first call list: <c>{placed time in Unix microseconds}.{call id}</c> of the last
/// item of a page. Microseconds because that is PostgreSQL's timestamp precision, so both stores agree.
/// </summary>
public static class CallListCursor
{
    public static string Format(DateTimeOffset queuedAt, CallId call) =>
        $"{ToUnixMicroseconds(queuedAt).ToString(CultureInfo.InvariantCulture)}.{call.Value}";

    public static bool TryParse([NotNullWhen(true)] string? cursor, out long queuedAtMicroseconds, out CallId call)
    {
        queuedAtMicroseconds = 0;
        call = default;
        if (cursor is null) return false;
        var dot = cursor.IndexOf('.');
        return dot > 0
               && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out queuedAtMicroseconds)
               && PrefixedId.TryParse(cursor[(dot + 1)..], out call);
    }

    public static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    /// <summary>
    /// <paramref name="time"/> in UTC as the stores keep it: whole microseconds. Both stores drop the rest on save, so a
    /// record reads back the same from either and two calls placed within one microsecond tie (then order by id).
    /// </summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) => FromUnixMicroseconds(ToUnixMicroseconds(time));
}
