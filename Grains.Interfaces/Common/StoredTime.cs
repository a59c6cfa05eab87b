namespace VoicePlatform.Common;

/// <summary>
/// Times as the platform keeps them: UTC, whole microseconds, because that is PostgreSQL's timestamp precision. A
/// grain that answers a time it also stores truncates first, so what it answered reads back exactly.
/// </summary>
public static class StoredTime
{
    public static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    /// <summary><paramref name="time"/> in UTC, whole microseconds: two times within one microsecond tie.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) => FromUnixMicroseconds(ToUnixMicroseconds(time));

    /// <summary>Now, to the microsecond.</summary>
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider time) => TruncateToMicroseconds(time.GetUtcNow());
}
