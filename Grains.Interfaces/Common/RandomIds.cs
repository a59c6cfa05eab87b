using System.Security.Cryptography;

namespace VoicePlatform.Common;

/// <summary>
/// Random identifiers in lower-case RFC 4648 base32 (a–z, 2–7). The alphabet matters: every id
/// carries a non-hex prefix, so Orleans' storage provider never mistakes a key for an integer.
/// </summary>
public static class RandomIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Create(int length)
    {
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes, length);
    }

    /// <summary>A deterministic id of <paramref name="length"/> characters derived from <paramref name="seed"/>.</summary>
    public static string Derive(string seed, int length)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return Encode(hash, length);
    }

    public static bool IsValid(ReadOnlySpan<char> value, int minLength, int maxLength)
    {
        if (value.Length < minLength || value.Length > maxLength) return false;
        foreach (var c in value)
        {
            if (Alphabet.IndexOf(c) < 0) return false;
        }
        return true;
    }

    private static string Encode(ReadOnlySpan<byte> bytes, int length)
    {
        // One character per byte (5 of its 8 bits) keeps the code obvious; 5 bits × length is the entropy.
        return string.Create(length, bytes.ToArray(), static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[source[i % source.Length] & 31];
        });
    }
}
