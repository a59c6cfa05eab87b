using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Auth;

/// <summary>
/// Verifies a server-API access token as LiveKit does: HS256 only, <c>iss</c> must be a known API key,
/// <c>exp</c> required, <c>exp</c>/<c>nbf</c> checked with 60 s leeway on the real (not accelerated) clock.
/// </summary>
public sealed class AccessTokenVerifier(IOptions<LiveKitEmulatorOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    /// <summary>Returns the grants, or null with the reason LiveKit's middleware would print.</summary>
    public ClaimGrants? Verify(string token, out string error)
    {
        var claims = JwtHs256.ReadUnverified(token, out var algorithm);
        if (claims is null)
        {
            error = "token is malformed";
            return null;
        }

        if (algorithm != "HS256")
        {
            error = "unexpected signing method";
            return null;
        }

        var issuer = claims["iss"] is JsonValue iss && iss.GetValueKind() == JsonValueKind.String ? iss.GetValue<string>() : "";
        if (issuer != options.Value.ApiKey)
        {
            error = "invalid API key: " + issuer;
            return null;
        }

        if (!JwtHs256.HasValidSignature(token, options.Value.ApiSecret))
        {
            error = "signature is invalid";
            return null;
        }

        var now = time.GetUtcNow();
        if (Seconds(claims["exp"]) is not { } exp)
        {
            error = "token is missing required claim: exp claim is required";
            return null;
        }

        if (now - Leeway >= DateTimeOffset.FromUnixTimeSeconds(exp))
        {
            error = "token has invalid claims: token is expired";
            return null;
        }

        if (Seconds(claims["nbf"]) is { } nbf && now + Leeway < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            error = "token has invalid claims: token is not valid yet";
            return null;
        }

        error = "";
        return ClaimGrants.FromClaims(claims);
    }

    private static long? Seconds(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var seconds)
            ? (long)seconds
            : null;
}
