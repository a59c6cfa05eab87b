using Orleans.Concurrency;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiKeys;

/// <summary>
/// One API key, keyed by <see cref="ApiKeyId"/>: authentication finds it directly from the token, with
/// no table scan and no global grain.
/// </summary>
[Alias("vp.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores the grant. Repeating the same grant is harmless; a different one is refused.</summary>
    Task IssueAsync(ApiKeyGrant grant);

    /// <summary>Checks a presented secret, the key's revocation and its tenant's status.</summary>
    Task<ApiKeyAuthentication> AuthenticateAsync(string secret);

    /// <summary>The key as its tenant sees it, or null when <paramref name="tenantId"/> does not own it.</summary>
    [ReadOnly]
    Task<ApiKeySummary?> GetAsync(TenantId tenantId);

    /// <summary>Revokes the key if <paramref name="tenantId"/> owns it; false otherwise.</summary>
    Task<bool> RevokeAsync(TenantId tenantId);
}
