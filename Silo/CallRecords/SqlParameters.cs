using VoicePlatform.Common;
using Npgsql;
using NpgsqlTypes;
using VoicePlatform.Grains.CallRecords;

namespace VoicePlatform.Silo.CallRecords;

/// <summary>
/// Positional ($1, $2, …) parameters with explicit types, so a null still has a type and the SQL is sent as
/// written (no named-parameter rewriting). Times are sent as UTC microseconds, the precision both stores keep.
/// </summary>
internal static class SqlParameters
{
    public static NpgsqlParameter Text(string? value) => Typed(NpgsqlDbType.Text, value);

    public static NpgsqlParameter Integer(int? value) => Typed(NpgsqlDbType.Integer, value);

    public static NpgsqlParameter Bigint(long? value) => Typed(NpgsqlDbType.Bigint, value);

    public static NpgsqlParameter Boolean(bool value) => Typed(NpgsqlDbType.Boolean, value);

    public static NpgsqlParameter Time(DateTimeOffset? value) => Typed(NpgsqlDbType.TimestampTz, value is { } v ? Utc(v) : null);

    public static NpgsqlParameter TextArray(string[] values) => Typed(NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    public static NpgsqlParameter BigintArray(long[] values) => Typed(NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    public static NpgsqlParameter IntegerArray(int[] values) => Typed(NpgsqlDbType.Array | NpgsqlDbType.Integer, values);

    public static NpgsqlParameter NullableIntegerArray(int?[] values) => Typed(NpgsqlDbType.Array | NpgsqlDbType.Integer, values);

    public static NpgsqlParameter NullableTimeArray(DateTimeOffset?[] values) =>
        Typed(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Array.ConvertAll(values, v => v is { } t ? (DateTime?)Utc(t) : null));

    public static NpgsqlParameter BooleanArray(bool[] values) => Typed(NpgsqlDbType.Array | NpgsqlDbType.Boolean, values);

    public static NpgsqlParameter TimeArray(DateTimeOffset[] values) =>
        Typed(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Array.ConvertAll(values, Utc));

    // Npgsql writes only UTC to timestamptz; truncating here rather than leaving it to the driver keeps the
    // rounding rule in one place (CallListCursor) for both stores.
    private static DateTime Utc(DateTimeOffset value) => StoredTime.TruncateToMicroseconds(value).UtcDateTime;

    private static NpgsqlParameter Typed(NpgsqlDbType type, object? value) =>
        new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
