using System.Security.Cryptography;
using System.Text;
using VoicePlatform.Common;

namespace VoicePlatform.ApiKeys;

/// <summary>
/// Key ids the platform can recognise without looking them up: the id's last <see cref="TagLength"/> characters are
/// an HMAC of the rest under a platform secret. A guessed id passes with odds of one in 2^20, so unauthenticated
/// requests with made-up keys are refused before any grain is touched.
/// </summary>
public static class ApiKeyIdTag
{
    public const int TagLength = 4;
    private const int RandomLength = ApiKeyId.RandomLength - TagLength;

    public static ApiKeyId NewTagged(ReadOnlySpan<byte> tagKey)
    {
        var random = RandomIds.Create(RandomLength);
        return ApiKeyId.FromRandomPart(random + Tag(tagKey, random));
    }

    public static bool HasValidTag(ApiKeyId id, ReadOnlySpan<byte> tagKey)
    {
        var part = id.RandomPart;
        var expected = Tag(tagKey, part[..RandomLength]);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(part[RandomLength..]));
    }

    private static string Tag(ReadOnlySpan<byte> tagKey, string random)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(tagKey, Encoding.ASCII.GetBytes(random), mac);
        // Five bits of each of the first four bytes, in the id alphabet: 20 bits of tag.
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return string.Create(TagLength, mac[..TagLength].ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] & 31];
        });
    }
}
