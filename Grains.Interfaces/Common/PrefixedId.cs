using System.Diagnostics.CodeAnalysis;

namespace VoicePlatform.Common;

/// <summary>Creating and parsing <see cref="IPrefixedId{TSelf}"/> values, in one place for every id type.</summary>
public static class PrefixedId
{
    public const int RandomLength = 20;

    public static T New<T>() where T : struct, IPrefixedId<T> => T.FromValidated(T.Prefix + RandomIds.Create(RandomLength));

    /// <summary>The same id for the same seed: a create retried with the same idempotency key names the same object.</summary>
    public static T Derive<T>(string seed) where T : struct, IPrefixedId<T> => T.FromValidated(T.Prefix + RandomIds.Derive(seed, RandomLength));

    public static bool TryParse<T>([NotNullWhen(true)] string? value, out T id) where T : struct, IPrefixedId<T>
    {
        id = default;
        if (value is null || !value.StartsWith(T.Prefix, StringComparison.Ordinal)) return false;
        if (!RandomIds.IsValid(value.AsSpan(T.Prefix.Length), 4, 40)) return false;
        id = T.FromValidated(value);
        return true;
    }

    public static T Parse<T>(string value) where T : struct, IPrefixedId<T> =>
        TryParse<T>(value, out var id) ? id : throw new FormatException($"'{value}' is not a {T.Prefix}… id.");
}
