using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// Checks a LiveKit webhook the way the official receiver does: the <c>Authorization</c> header is the bare
/// JWT (LiveKit sends no <c>Bearer </c> prefix), HS256 with our secret, <c>iss</c> = our API key, inside
/// <c>nbf</c>..<c>exp</c> (which is required), and its <c>sha256</c> claim equals base64(SHA-256(raw body)).
/// Only then is the body parsed. Anything else is rejected.
/// </summary>
public sealed class LiveKitWebhookVerifier(IOptions<LiveKitOptions> options, TimeProvider time)
{
    /// <summary>Clock skew allowed on <c>exp</c> and <c>nbf</c>, the same as the Node SDK's receiver.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(10);

    public LiveKitWebhookVerification Verify(ReadOnlySpan<byte> body, string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
            return LiveKitWebhookVerification.Rejected("missing Authorization header");
        if (authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return LiveKitWebhookVerification.Rejected("Authorization header has a Bearer prefix; LiveKit sends the bare token");

        var settings = options.Value;
        if (!LiveKitJwt.TryVerifySignature(authorizationHeader.Trim(), settings.ApiSecret, out var claims, out var failure))
            return LiveKitWebhookVerification.Rejected(failure!);

        if (!TryGetString(claims, "iss", out var issuer) || issuer != settings.ApiKey)
            return LiveKitWebhookVerification.Rejected("token issuer is not our API key");

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var leeway = (long)Leeway.TotalSeconds;
        if (!TryGetSeconds(claims, "exp", out var expires))
            return LiveKitWebhookVerification.Rejected("token has no exp");
        if (now > expires + leeway)
            return LiveKitWebhookVerification.Rejected("token has expired");
        if (claims.TryGetProperty("nbf", out _))
        {
            if (!TryGetSeconds(claims, "nbf", out var notBefore))
                return LiveKitWebhookVerification.Rejected("token nbf is not a number");
            if (now < notBefore - leeway)
                return LiveKitWebhookVerification.Rejected("token is not valid yet");
        }

        if (!TryGetString(claims, "sha256", out var claimedHash))
            return LiveKitWebhookVerification.Rejected("token has no sha256 claim");
        var actualHash = Convert.ToBase64String(SHA256.HashData(body));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actualHash), Encoding.UTF8.GetBytes(claimedHash)))
            return LiveKitWebhookVerification.Rejected("sha256 of the body does not match the token");

        try
        {
            var webhookEvent = LiveKitJson.Read<LiveKitWebhookEvent>(body);
            return string.IsNullOrEmpty(webhookEvent.Event)
                ? LiveKitWebhookVerification.Rejected("body has no event name")
                : LiveKitWebhookVerification.Accepted(webhookEvent);
        }
        catch (JsonException)
        {
            return LiveKitWebhookVerification.Rejected("body is not a webhook event");
        }
    }

    private static bool TryGetString(JsonElement claims, string name, out string value)
    {
        value = "";
        if (!claims.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String) return false;
        value = element.GetString()!;
        return true;
    }

    private static bool TryGetSeconds(JsonElement claims, string name, out long seconds)
    {
        seconds = 0;
        if (!claims.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number) return false;
        if (element.TryGetInt64(out seconds)) return true;
        if (!element.TryGetDouble(out var fractional)) return false;
        seconds = (long)Math.Floor(fractional);
        return true;
    }
}
