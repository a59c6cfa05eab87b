using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Personas;

namespace VoicePlatform.Grains.Catalog;

[GrainType("tenant-catalog")]
public sealed class TenantCatalogGrain(
    [PersistentState("tenant-catalog", StorageNames.Platform)] IPersistentState<TenantCatalogState> state) : Grain, ITenantCatalogGrain
{
    private TenantCatalogState Catalog => state.State;

    public async Task UpsertBrandAsync(BrandEntry entry)
    {
        if (Catalog.Brands.TryGetValue(entry.Id.Value, out var current) && current == entry) return;
        Catalog.Brands[entry.Id.Value] = entry;
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<string>> TryArchiveBrandAsync(BrandId brand)
    {
        if (!Catalog.Brands.TryGetValue(brand.Value, out var entry)) return [];
        var blockers = Catalog.Personas.Values.Where(p => p.BrandId == brand).Select(p => $"persona {p.Id} ({p.Name})")
            .Concat(Catalog.Agents.Values.Where(a => a.BrandId == brand).Select(a => $"agent {a.Id} ({a.Name})"))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (blockers.Count > 0 || entry.Status == BrandStatus.Archived) return blockers;
        Catalog.Brands[brand.Value] = entry with { Status = BrandStatus.Archived };
        await state.WriteStateAsync();
        return [];
    }

    public async Task<CatalogCheck> RegisterPersonaAsync(PersonaEntry entry)
    {
        if (!Catalog.Brands.TryGetValue(entry.BrandId.Value, out var brand)) return CatalogCheck.BrandMissing;
        if (Catalog.Personas.TryGetValue(entry.Id.Value, out var current))
        {
            // A persona never changes brand (see PersonaGrain): agents inherit it, so it must stay put.
            if (current.BrandId != entry.BrandId) return CatalogCheck.BrandMismatch;
            if (current == entry) return CatalogCheck.Ok;
        }
        else if (brand.Status == BrandStatus.Archived)
        {
            return CatalogCheck.BrandArchived;
        }
        Catalog.Personas[entry.Id.Value] = entry;
        await state.WriteStateAsync();
        return CatalogCheck.Ok;
    }

    public async Task<IReadOnlyList<string>> TryRemovePersonaAsync(PersonaId persona)
    {
        var blockers = Catalog.Agents.Values.Where(a => a.PersonaId == persona).Select(a => $"agent {a.Id} ({a.Name})").Order(StringComparer.Ordinal).ToList();
        if (blockers.Count > 0 || !Catalog.Personas.Remove(persona.Value)) return blockers;
        await state.WriteStateAsync();
        return [];
    }

    public async Task<CatalogCheck> RegisterAgentAsync(AgentEntry entry)
    {
        if (!Catalog.Personas.TryGetValue(entry.PersonaId.Value, out var persona)) return CatalogCheck.PersonaMissing;
        if (persona.BrandId != entry.BrandId) return CatalogCheck.BrandMismatch;
        var isNew = !Catalog.Agents.TryGetValue(entry.Id.Value, out var current);
        if (isNew && Catalog.Brands.TryGetValue(entry.BrandId.Value, out var brand) && brand.Status == BrandStatus.Archived)
            return CatalogCheck.BrandArchived;
        if (current == entry) return CatalogCheck.Ok;
        Catalog.Agents[entry.Id.Value] = entry;
        await state.WriteStateAsync();
        return CatalogCheck.Ok;
    }

    public async Task RemoveAgentAsync(AgentId agent)
    {
        if (Catalog.Agents.Remove(agent.Value)) await state.WriteStateAsync();
    }

    public Task<Page<BrandEntry>> ListBrandsAsync(string? nameContains, BrandStatus? status, string? after, int limit) =>
        Task.FromResult(Paging.Take(
            Catalog.Brands.Values.Where(b =>
                (status is null || b.Status == status) &&
                (string.IsNullOrEmpty(nameContains) || b.Name.Contains(nameContains, StringComparison.OrdinalIgnoreCase))),
            b => b.Id.Value, after, limit));

    public Task<Page<PersonaListing>> ListPersonasAsync(BrandId? brand, string? after, int limit) =>
        Task.FromResult(Paging.Take(
            Catalog.Personas.Values
                .Where(p => brand is null || p.BrandId == brand)
                .Select(p => new PersonaListing { Persona = p, Brand = Badge(p.BrandId), AgentCount = AgentsOf(p.Id) }),
            p => p.Persona.Id.Value, after, limit));

    public Task<Page<AgentListing>> ListAgentsAsync(BrandId? brand, AgentStatus? status, string? after, int limit) =>
        Task.FromResult(Paging.Take(
            Catalog.Agents.Values
                .Where(a => (brand is null || a.BrandId == brand) && (status is null || a.Status == status))
                .Select(a => new AgentListing { Agent = a, Brand = Badge(a.BrandId) }),
            a => a.Agent.Id.Value, after, limit));

    public Task<BrandBadge?> GetBrandBadgeAsync(BrandId brand) =>
        Task.FromResult(Catalog.Brands.ContainsKey(brand.Value) ? Badge(brand) : null);

    public Task<PersonaListing?> GetPersonaListingAsync(PersonaId persona) =>
        Task.FromResult(Catalog.Personas.TryGetValue(persona.Value, out var entry)
            ? new PersonaListing { Persona = entry, Brand = Badge(entry.BrandId), AgentCount = AgentsOf(persona) }
            : null);

    private int AgentsOf(PersonaId persona) => Catalog.Agents.Values.Count(a => a.PersonaId == persona);

    private BrandBadge Badge(BrandId brand) => new()
    {
        Id = brand,
        Name = Catalog.Brands.TryGetValue(brand.Value, out var entry) ? entry.Name : "(unknown brand)",
    };
}
