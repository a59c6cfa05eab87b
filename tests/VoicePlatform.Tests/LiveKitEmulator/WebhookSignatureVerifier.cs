using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>The receiver's side of a LiveKit webhook, written for the tests: HS256 signature, iss, exp, and sha256 of the raw body.</summary>
public static class WebhookSignatureVerifier
{
    public static JsonObject Verify(ReceivedWebhook webhook, string apiKey, string secret)
    {
        Assert.False(webhook.Authorization.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase), "webhook tokens carry no Bearer prefix");
        var parts = webhook.Authorization.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(TestTokens.Decode(parts[0]))!;
        Assert.Equal("HS256", header["alg"]!.GetValue<string>());
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.True(CryptographicOperations.FixedTimeEquals(expected, TestTokens.Decode(parts[2])), "signature must verify with the API secret");
        var claims = JsonNode.Parse(TestTokens.Decode(parts[1]))!.AsObject();
        Assert.Equal(apiKey, claims["iss"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(webhook.Body)), claims["sha256"]!.GetValue<string>());
        return claims;
    }
}
