using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VoicePlatform.ApiKeys;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.Security;

/// <summary>
/// Short-lived tokens for the live hub: a supervisor's or tenant admin's key is exchanged for one, and only it travels
/// in the WebSocket's query string — the long-lived key never does. <c>vph.&lt;claims&gt;.&lt;HMAC-SHA256&gt;</c>, both
/// base64url; the MAC key is derived from the operator's secret, which every API host of a deployment shares, so a
/// token minted by one host is accepted by the others behind the same load balancer.
/// </summary>
public sealed class LiveHubTokens(OperatorCredential operatorCredential, TimeProvider time) : ILiveHubTokens
{
    public const string Prefix = "vph.";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(2);

    public TimeSpan Lifetime => TokenLifetime;

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(operatorCredential.Secret), 32,
        info: "VoicePlatform live hub token v1"u8.ToArray());

    public static bool LooksLikeOne(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public (string Token, DateTimeOffset ExpiresAt) Issue(TenantId tenant, string role, LiveCredential credential)
    {
        var expires = time.GetUtcNow() + TokenLifetime;
        var claims = JsonSerializer.SerializeToUtf8Bytes(new HubTokenClaims(tenant.Value, role, credential.Key?.Value, expires.ToUnixTimeSeconds(),
            credential.User?.Value, credential.Session));
        var body = Base64Url.EncodeToString(claims);
        return ($"{Prefix}{body}.{Base64Url.EncodeToString(Mac(body))}", DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>The claims of a genuine, unexpired token; null (with why) otherwise.</summary>
    public HubTokenClaims? Verify(string token, out string? failure)
    {
        failure = "The live token is malformed.";
        if (!LooksLikeOne(token)) return null;
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 2) return null;
        byte[] presented;
        try { presented = Base64Url.DecodeFromChars(parts[1]); }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(parts[0])))
        {
            failure = "The live token is not valid.";
            return null;
        }
        HubTokenClaims? claims;
        try { claims = JsonSerializer.Deserialize<HubTokenClaims>(Base64Url.DecodeFromChars(parts[0])); }
        catch (Exception e) when (e is FormatException or JsonException) { return null; }
        if (claims is null || !TenantId.TryParse(claims.Tenant, out _)) return null;
        if (DateTimeOffset.FromUnixTimeSeconds(claims.Expires) <= time.GetUtcNow())
        {
            failure = "The live token has expired; exchange the key for a new one (POST /api/live/token).";
            return null;
        }
        failure = null;
        return claims;
    }

    private byte[] Mac(string body) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));
}

/// <summary>What a live hub token says: whose tenant, which role, which key or person's session it came from, until when (Unix seconds).</summary>
public sealed record HubTokenClaims(string Tenant, string Role, string? Key, long Expires, string? User = null, string? Session = null);
