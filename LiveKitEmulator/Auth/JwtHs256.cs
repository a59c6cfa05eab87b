using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoicePlatform.LiveKitEmulator.Auth;

/// <summary>Compact JWS with HS256 only, the one algorithm LiveKit accepts; the key is the UTF-8 bytes of the secret.</summary>
public static class JwtHs256
{
    public static string Sign(JsonObject claims, string secret)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    /// <summary>Splits a token and returns its claims without checking the signature, or null when it is not a JWS.</summary>
    public static JsonObject? ReadUnverified(string token, out string algorithm)
    {
        algorithm = "";
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            algorithm = header?["alg"]?.GetValue<string>() ?? "";
            return JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static bool HasValidSignature(string token, string secret)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = FromBase64Url(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
