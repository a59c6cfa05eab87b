using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using VoicePlatform.Common;

namespace VoicePlatform.Users;

/// <summary>
/// A console session: <c>vps.&lt;user id&gt;.&lt;session id&gt;.&lt;secret&gt;</c>, kept in an HTTP-only cookie. The user's grain keeps
/// only the secret's hash, so a database read gives no session away. The CSRF token a page sends back in a header on
/// every change is derived from the secret: a page of this origin learns it from <c>GET /api/session</c>, another site
/// (which may make the browser send the cookie) cannot.
/// </summary>
public static class SessionToken
{
    public const string CookieName = "vp_session";
    public const string CsrfHeaderName = "X-CSRF-Token";
    public const int SessionIdLength = 16;
    public const int SecretLength = 43;
    private const string Prefix = "vps.";

    public static string Format(UserId user, string sessionId, string secret) => $"{Prefix}{user.Value}.{sessionId}.{secret}";

    public static bool TryParse(string? token, out UserId user, [NotNullWhen(true)] out string? sessionId, [NotNullWhen(true)] out string? secret)
    {
        user = default;
        sessionId = secret = null;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 3 || !PrefixedId.TryParse(parts[0], out user)) return false;
        if (!RandomIds.IsValid(parts[1], SessionIdLength, SessionIdLength) || !RandomIds.IsValid(parts[2], SecretLength, SecretLength)) return false;
        sessionId = parts[1];
        secret = parts[2];
        return true;
    }

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>The session's CSRF token: an HMAC of a fixed label under the session's secret.</summary>
    public static string CsrfToken(string secret) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.ASCII.GetBytes(secret), "VoicePlatform console CSRF v1"u8));

    public static bool CsrfMatches(string secret, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CsrfToken(secret)), Encoding.ASCII.GetBytes(presented));
}
