using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;

namespace VoicePlatform.Security;

/// <summary>
/// Mints the short-lived tokens that open the live hub (<see cref="PlatformClaims.LiveHubPath"/>) for a tenant's key or
/// a person's console session. The token names the credential it came from, so a connection it opened ends when that
/// credential does (a key revoked, a session signed out, a person removed).
/// </summary>
public interface ILiveHubTokens
{
    (string Token, DateTimeOffset ExpiresAt) Issue(TenantId tenant, string role, LiveCredential credential);

    TimeSpan Lifetime { get; }
}
