using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>Independent JWT decoding for assertions, and shared test settings.</summary>
internal static class LiveKitTestTokens
{
    public const string ApiKey = "APItestKey1234";
    public const string ApiSecret = "test-secret-that-is-long-enough-for-hs256-0123456789";

    public static IOptions<LiveKitOptions> Options(string url = "http://127.0.0.1:7880", string key = ApiKey, string secret = ApiSecret) =>
        Microsoft.Extensions.Options.Options.Create(new LiveKitOptions { Url = url, ApiKey = key, ApiSecret = secret });

    public static JsonElement Header(string token) => Part(token, 0);

    public static JsonElement Payload(string token) => Part(token, 1);

    public static bool SignatureVerifies(string token, string secret)
    {
        var parts = token.Split('.');
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]));
    }

    public static string Reencode(string token, Func<string, string> editPayload, string secret)
    {
        var parts = token.Split('.');
        var payload = editPayload(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        var signingInput = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static JsonElement Part(string token, int index)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[index]));
        return document.RootElement.Clone();
    }
}
