using Orleans.Concurrency;
using VoicePlatform.ApiKeys;

namespace VoicePlatform.Tenants;

/// <summary>One tenant: its name, status and settings, and the index of its API keys. Keyed by <see cref="TenantId"/>.</summary>
[Alias("vp.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; repeating the same create answers the same tenant.</summary>
    Task<TenantResult> CreateAsync(CreateTenant command);

    [ReadOnly]
    Task<TenantSnapshot?> GetAsync();

    Task<TenantResult> UpdateAsync(UpdateTenant command);

    Task<TenantResult> SuspendAsync(string reason);

    Task<TenantResult> ReactivateAsync();

    /// <summary>Issues a key; the secret is in the answer and nowhere else.</summary>
    Task<IssueApiKeyResult> IssueApiKeyAsync(IssueApiKey command);

    /// <summary>The tenant's keys, or null when the tenant does not exist.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ApiKeySummary>?> ListApiKeysAsync();

    /// <summary>The ids of every key ever issued for the tenant, from its own state. Interleaves: the key-id policy asks
    /// while it is being made, and an issuing tenant may be waiting on that policy.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<ApiKeyId>> ListApiKeyIdsAsync();

    /// <summary>Revokes one of this tenant's keys; false when the tenant has no such key.</summary>
    Task<bool> RevokeApiKeyAsync(ApiKeyId keyId);
}
