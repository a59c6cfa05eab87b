using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using VoicePlatform.Common;

namespace VoicePlatform.Calls;

/// <summary>
/// The keyset cursor of a newest-first call list: <c>{placed time in Unix microseconds}.{call id}</c> of the last
/// item of a page. Microseconds (<see cref="StoredTime"/>), PostgreSQL's timestamp precision, so both stores agree.
/// </summary>
public static class CallListCursor
{
    public static string Format(DateTimeOffset queuedAt, CallId call) =>
        $"{StoredTime.ToUnixMicroseconds(queuedAt).ToString(CultureInfo.InvariantCulture)}.{call.Value}";

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
}
