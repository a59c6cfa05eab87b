using System.Security.Cryptography;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>Endpoint secrets: <c>whsec_</c> and the base64 of 32 random bytes, the bytes being the HMAC key.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
