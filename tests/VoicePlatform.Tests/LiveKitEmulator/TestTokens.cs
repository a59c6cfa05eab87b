using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>Makes HS256 access tokens for the emulator tests, written independently of the emulator's signer.</summary>
public static class TestTokens
{
    public const string ApiKey = "test-key";
    public const string ApiSecret = "test-secret-0123456789abcdef0123456789";

    public static string Make(JsonObject grants, string secret = ApiSecret, TimeSpan? lifetime = null, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = ApiKey,
            ["sub"] = "tester",
            ["nbf"] = issuedAt,
            ["exp"] = issuedAt + (long)(lifetime ?? TimeSpan.FromMinutes(10)).TotalSeconds,
        };
        foreach (var (name, value) in grants)
        {
            claims[name] = value?.DeepClone();
        }

        var header = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + payload)));
        return $"{header}.{payload}.{signature}";
    }

    public static string RoomCreate() => Make(new JsonObject { ["video"] = new JsonObject { ["roomCreate"] = true } });

    public static string RoomList() => Make(new JsonObject { ["video"] = new JsonObject { ["roomList"] = true } });

    public static string RoomAdmin(string room) => Make(new JsonObject { ["video"] = new JsonObject { ["roomAdmin"] = true, ["room"] = room } });

    public static string SipCall() => Make(new JsonObject { ["sip"] = new JsonObject { ["call"] = true } });

    public static string SipAdmin() => Make(new JsonObject { ["sip"] = new JsonObject { ["admin"] = true } });

    public static string RoomRecord() => Make(new JsonObject { ["video"] = new JsonObject { ["roomRecord"] = true } });

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }
}
