using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;

namespace VoicePlatform.Common;

/// <summary>Typed ways to reach tenant-owned grains: the tenant is always part of the key.</summary>
public static class GrainFactoryScopedExtensions
{
    public static IBrandGrain GetBrand(this IGrainFactory grains, TenantId tenant, BrandId brand) =>
        grains.GetGrain<IBrandGrain>(TenantScopedKey.Format(tenant, brand));

    public static ITenantCatalogGrain GetCatalog(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ITenantCatalogGrain>(tenant.Value);

    public static IPersonaGrain GetPersona(this IGrainFactory grains, TenantId tenant, PersonaId persona) =>
        grains.GetGrain<IPersonaGrain>(TenantScopedKey.Format(tenant, persona));

    public static IAgentGrain GetAgent(this IGrainFactory grains, TenantId tenant, AgentId agent) =>
        grains.GetGrain<IAgentGrain>(TenantScopedKey.Format(tenant, agent));
}
