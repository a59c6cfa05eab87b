using Orleans.Concurrency;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Personas;

namespace VoicePlatform.Catalog;

/// <summary>
/// One per tenant (keyed by tenant id): the index of its brands, personas and agents and the links between
/// them. Lists are served from here, never by scanning grains; and because one grain sees every link,
/// "archive a brand" and "add a persona to it" cannot race.
/// </summary>
[Alias("vp.ITenantCatalogGrain")]
public interface ITenantCatalogGrain : IGrainWithStringKey
{
    Task UpsertBrandAsync(BrandEntry entry);

    /// <summary>Marks the brand archived unless something still uses it; answers what blocks it (empty: archived).</summary>
    Task<IReadOnlyList<string>> TryArchiveBrandAsync(BrandId brand);

    /// <summary>Adds or renames a persona; its brand must be listed and active.</summary>
    Task<CatalogCheck> RegisterPersonaAsync(PersonaEntry entry);

    /// <summary>Removes the persona unless agents use it; answers the blockers (empty: removed).</summary>
    Task<IReadOnlyList<string>> TryRemovePersonaAsync(PersonaId persona);

    /// <summary>Adds or updates an agent; its persona must be listed and the brand must be the persona's.</summary>
    Task<CatalogCheck> RegisterAgentAsync(AgentEntry entry);

    Task RemoveAgentAsync(AgentId agent);

    [ReadOnly]
    Task<Page<BrandEntry>> ListBrandsAsync(string? nameContains, BrandStatus? status, string? after, int limit);

    [ReadOnly]
    Task<Page<PersonaListing>> ListPersonasAsync(BrandId? brand, string? after, int limit);

    [ReadOnly]
    Task<Page<AgentListing>> ListAgentsAsync(BrandId? brand, AgentStatus? status, string? after, int limit);

    [ReadOnly]
    Task<BrandBadge?> GetBrandBadgeAsync(BrandId brand);

    /// <summary>What a persona's view needs from the index in one call: its brand badge and its agent count.</summary>
    [ReadOnly]
    Task<PersonaListing?> GetPersonaListingAsync(PersonaId persona);
}
