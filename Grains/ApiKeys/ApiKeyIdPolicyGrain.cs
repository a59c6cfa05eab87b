using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VoicePlatform.ApiKeys;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.ApiKeys;

[GrainType("api-key-id-policy")]
public sealed class ApiKeyIdPolicyGrain(
    [PersistentState("api-key-id-policy", StorageNames.Platform)] IPersistentState<ApiKeyIdPolicyState> state,
    ILogger<ApiKeyIdPolicyGrain> logger) : Grain, IApiKeyIdPolicyGrain
{
    private const int TenantPage = 200;

    public async Task<ApiKeyIdPolicy> GetAsync()
    {
        if (state.State.TagKey is null) await CreateAsync();
        return new ApiKeyIdPolicy { TagKey = state.State.TagKey!, LegacyKeyIds = state.State.LegacyKeyIds };
    }

    /// <summary>
    /// The first use on a platform: every key issued so far had an untagged id and must keep working, so their ids
    /// are listed once. Issuers wait for this (they need the tag key), so no untagged key is issued after it.
    /// </summary>
    private async Task CreateAsync()
    {
        var legacy = new List<ApiKeyId>();
        string? after = null;
        do
        {
            var page = await GrainFactory.GetTenantDirectory().ListAsync(after, TenantPage);
            foreach (var tenant in page.Items) legacy.AddRange(await GrainFactory.GetTenant(tenant.Id).ListApiKeyIdsAsync());
            after = page.Next;
        } while (after is not null);

        state.State = new ApiKeyIdPolicyState { TagKey = RandomNumberGenerator.GetBytes(32), LegacyKeyIds = legacy };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = new ApiKeyIdPolicyState();
            throw;
        }
        logger.Log(legacy.Count > 0 ? LogLevel.Information : LogLevel.Debug, "API key id policy created; {LegacyKeys} keys issued before tagged ids keep working", legacy.Count);
    }
}
