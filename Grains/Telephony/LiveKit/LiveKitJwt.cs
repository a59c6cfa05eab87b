using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>Compact HS256 JSON Web Tokens: the only algorithm LiveKit issues or accepts.</summary>
internal static class LiveKitJwt
{
    // {"alg":"HS256","typ":"JWT"}, as Go's jwt library writes it.
    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Sign(ReadOnlySpan<byte> payloadJson, string secret)
    {
        var signingInput = EncodedHeader + "." + Base64Url.EncodeToString(payloadJson);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Checks the shape, the algorithm and the signature; returns the payload or why not.</summary>
    public static bool TryVerifySignature(string token, string secret, out JsonElement payload, out string? failure)
    {
        payload = default;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            failure = "token is not a compact JWT";
            return false;
        }

        if (!TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) ||
            !TryDecode(parts[2], out var signature))
        {
            failure = "token is not valid base64url";
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object ||
                !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String ||
                alg.GetString() != "HS256")
            {
                failure = "token algorithm is not HS256";
                return false;
            }

            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                failure = "token signature is invalid";
                return false;
            }

            using var body = JsonDocument.Parse(payloadBytes);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                failure = "token payload is not a JSON object";
                return false;
            }

            payload = body.RootElement.Clone();
            failure = null;
            return true;
        }
        catch (JsonException)
        {
            failure = "token header or payload is not JSON";
            return false;
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
