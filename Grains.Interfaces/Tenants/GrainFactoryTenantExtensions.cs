using VoicePlatform.ApiKeys;

namespace VoicePlatform.Tenants;

/// <summary>Typed ways to reach tenant grains, so no caller builds a grain key by hand.</summary>
public static class GrainFactoryTenantExtensions
{
    public static ITenantGrain GetTenant(this IGrainFactory grains, TenantId id) => grains.GetGrain<ITenantGrain>(id.Value);

    public static ITenantDirectoryGrain GetTenantDirectory(this IGrainFactory grains) => grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

    public static IApiKeyIdPolicyGrain GetApiKeyIdPolicy(this IGrainFactory grains) => grains.GetGrain<IApiKeyIdPolicyGrain>(IApiKeyIdPolicyGrain.Key);

    public static IApiKeyGrain GetApiKey(this IGrainFactory grains, ApiKeyId id) => grains.GetGrain<IApiKeyGrain>(id.Value);
}
