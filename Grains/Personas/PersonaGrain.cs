using Microsoft.Extensions.Logging;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Personas;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Personas;

[GrainType("persona")]
public sealed class PersonaGrain(
    [PersistentState("persona", StorageNames.Platform)] IPersistentState<PersonaState> state,
    TimeProvider time,
    ILogger<PersonaGrain> logger) : Grain, IPersonaGrain
{
    private (TenantId Tenant, PersonaId Persona) Key => TenantScopedKey.Parse<PersonaId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Profile is not null;

    private ITenantCatalogGrain Catalog => GrainFactory.GetCatalog(Key.Tenant);

    public async Task<WriteResult<PersonaView>> CreateAsync(BrandId brand, PersonaProfile profile, string? templateId)
    {
        PersonaRules.EnsureValid(profile);
        if (Exists)
        {
            return state.State.BrandId == brand && state.State.Revision == 1 && Structural.Same(state.State.Profile, profile)
                ? WriteResult<PersonaView>.Ok(await ViewAsync())
                : WriteResult<PersonaView>.Conflict("This idempotency key already created a different persona.", []);
        }

        // The catalog is the gate: it refuses a brand that is missing or archived, atomically with archiving.
        var check = await Catalog.RegisterPersonaAsync(new PersonaEntry { Id = Key.Persona, Name = profile.Name, BrandId = brand, Role = profile.Role });
        if (check != CatalogCheck.Ok) return WriteResult<PersonaView>.BadReference("brandId", BrandProblem(check));

        var now = time.GetUtcNow();
        state.State = new PersonaState { BrandId = brand, Profile = profile, TemplateId = templateId, Revision = 1, CreatedAt = now, UpdatedAt = now };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Undo the catalog entry so a failed create leaves no persona that blocks its brand; the caller retries.
            state.State = new PersonaState();
            await Catalog.TryRemovePersonaAsync(Key.Persona);
            throw;
        }
        logger.LogInformation("Persona {PersonaId} created in brand {BrandId} of tenant {TenantId}", Key.Persona, brand, Key.Tenant);
        return WriteResult<PersonaView>.Created(await ViewAsync());
    }

    public Task<WriteResult<PersonaView>> CreateFromTemplateAsync(BrandId brand, string templateId, string? name)
    {
        if (PersonaTemplateLibrary.Find(templateId) is not { } template)
            return Task.FromResult(WriteResult<PersonaView>.BadReference("templateId", $"There is no template '{templateId}'; see GET /api/persona-templates."));
        var profile = name is null ? template.Profile : template.Profile with { Name = name };
        return CreateAsync(brand, profile, template.Id);
    }

    public async Task<PersonaView?> GetAsync() => Exists ? await ViewAsync() : null;

    public async Task<WriteResult<PersonaView>> UpdateAsync(BrandId brand, PersonaProfile profile, int? expectedRevision)
    {
        if (!Exists) return WriteResult<PersonaView>.NotFound();
        if (expectedRevision is { } expected && expected != state.State.Revision) return WriteResult<PersonaView>.Stale();
        if (brand != state.State.BrandId)
        {
            return WriteResult<PersonaView>.Conflict(
                "A persona cannot move to another brand: its agents inherit its brand. Create a persona in the other brand instead.",
                [$"brand {state.State.BrandId}"]);
        }
        PersonaRules.EnsureValid(profile);
        if (Structural.Same(profile, state.State.Profile)) return WriteResult<PersonaView>.Ok(await ViewAsync());

        await Catalog.RegisterPersonaAsync(new PersonaEntry { Id = Key.Persona, Name = profile.Name, BrandId = brand, Role = profile.Role });
        state.State = state.State with { Profile = profile, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        return WriteResult<PersonaView>.Ok(await ViewAsync());
    }

    public async Task<WriteResult<PersonaView>> DeleteAsync(int? expectedRevision)
    {
        if (!Exists) return WriteResult<PersonaView>.NotFound();
        if (expectedRevision is { } expected && expected != state.State.Revision) return WriteResult<PersonaView>.Stale();
        var view = await ViewAsync();
        var blockers = await Catalog.TryRemovePersonaAsync(Key.Persona);
        if (blockers.Count > 0) return WriteResult<PersonaView>.Conflict("Delete or disable the agents built from this persona first.", blockers);
        await state.ClearStateAsync();
        logger.LogInformation("Persona {PersonaId} of tenant {TenantId} deleted", Key.Persona, Key.Tenant);
        return WriteResult<PersonaView>.Ok(view);
    }

    internal static string BrandProblem(CatalogCheck check) => check switch
    {
        CatalogCheck.BrandArchived => "The brand is archived.",
        CatalogCheck.BrandMismatch => "The persona belongs to another brand.",
        _ => "There is no such brand in this tenant.",
    };

    private async Task<PersonaView> ViewAsync()
    {
        var brand = state.State.BrandId!.Value;
        // One index call for the badge and the agent count.
        var listing = await Catalog.GetPersonaListingAsync(Key.Persona);
        return new PersonaView
        {
            Id = Key.Persona,
            Brand = listing?.Brand ?? new BrandBadge { Id = brand, Name = "(unknown brand)" },
            Profile = state.State.Profile!,
            TemplateId = state.State.TemplateId,
            AgentCount = listing?.AgentCount ?? 0,
            Revision = state.State.Revision,
            CreatedAt = state.State.CreatedAt,
            UpdatedAt = state.State.UpdatedAt,
        };
    }
}
