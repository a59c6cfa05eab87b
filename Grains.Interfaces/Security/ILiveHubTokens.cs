using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;

namespace VoicePlatform.Security;

/// <summary>Mints the short-lived tokens that open the live hub (<see cref="PlatformClaims.LiveHubPath"/>) for a tenant's key.</summary>
public interface ILiveHubTokens
{
    (string Token, DateTimeOffset ExpiresAt) Issue(TenantId tenant, string role, ApiKeyId? keyId);

    TimeSpan Lifetime { get; }
}
