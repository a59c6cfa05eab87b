using System.Security.Cryptography;
using System.Text;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// Signs a delivery the way the Standard Webhooks specification does: headers <c>webhook-id</c> (the event id),
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>, which holds <c>v1,</c> and the base64 of
/// HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> keyed with the secret's decoded bytes — one such entry per
/// signing secret, space-separated, so a receiver holding either secret during a rotation's overlap accepts it.
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Signature(IReadOnlyList<string> secrets, string eventId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyOf(secret), content))));
    }

    /// <summary>What a receiver does (the README's recipe): true when any v1 entry matches one of the secrets.</summary>
    public static bool Verify(string secret, string eventId, string timestamp, string body, string signatureHeader)
    {
        if (!long.TryParse(timestamp, out var seconds)) return false;
        var expected = Convert.FromBase64String(Signature([secret], eventId, seconds, body)["v1,".Length..]);
        Span<byte> given = stackalloc byte[64];
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            if (Convert.TryFromBase64String(entry[3..], given, out var written) && CryptographicOperations.FixedTimeEquals(given[..written], expected)) return true;
        }
        return false;
    }
}
