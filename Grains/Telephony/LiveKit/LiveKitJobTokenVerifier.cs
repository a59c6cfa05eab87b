using System.Text.Json;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// Verifies the token LiveKit gives an agent worker with a job: HS256 with our API secret, issued by our API key, in
/// date (with <see cref="LiveKitWebhookVerifier.Leeway"/>), granting <c>roomJoin</c> to one room as an agent. What it
/// proves is that LiveKit dispatched the bearer into that room.
/// </summary>
public sealed class LiveKitJobTokenVerifier(IOptions<LiveKitOptions> options, TimeProvider time)
{
    /// <summary>The room the token joins, or null with <paramref name="failure"/> saying why it is not a job token of ours.</summary>
    public string? VerifyRoom(string? token, out string? failure)
    {
        failure = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            failure = "missing bearer token";
            return null;
        }

        var settings = options.Value;
        if (!LiveKitJwt.TryVerifySignature(token.Trim(), settings.ApiSecret, out var claims, out failure)) return null;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var leeway = (long)LiveKitWebhookVerifier.Leeway.TotalSeconds;
        failure = claims switch
        {
            _ when Text(claims, "iss") != settings.ApiKey => "token issuer is not our API key",
            _ when Seconds(claims, "exp") is not { } exp => "token has no exp",
            _ when now > Seconds(claims, "exp") + leeway => "token has expired",
            _ when Seconds(claims, "nbf") is { } nbf && now < nbf - leeway => "token is not valid yet",
            _ => null,
        };
        if (failure is not null) return null;
        if (!claims.TryGetProperty("video", out var video) || video.ValueKind != JsonValueKind.Object
            || !video.TryGetProperty("roomJoin", out var join) || join.ValueKind != JsonValueKind.True)
        {
            failure = "token grants no room join";
            return null;
        }

        var isAgent = Text(claims, "kind") == "agent" || (video.TryGetProperty("agent", out var agent) && agent.ValueKind == JsonValueKind.True);
        if (!isAgent)
        {
            failure = "token is not an agent's";
            return null;
        }

        var room = Text(video, "room");
        if (string.IsNullOrEmpty(room)) failure = "token names no room";
        return failure is null ? room : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? (long)Math.Floor(value.GetDouble()) : null;
}
