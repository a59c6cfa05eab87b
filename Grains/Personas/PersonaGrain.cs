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
            if (state.State.BrandId != brand || state.State.Revision != 1 || !state.State.Profile!.SameAs(profile))
                return WriteResult<PersonaView>.Conflict("This idempotency key already created a different persona.", []);
            await Catalog.RegisterPersonaAsync(Entry(brand, profile));
            return WriteResult<PersonaView>.Ok(await ViewAsync());
        }

        // The catalog is the gate: it refuses a brand that is missing or archived, atomically with archiving.
        var check = await Catalog.RegisterPersonaAsync(Entry(brand, profile));
        if (check != CatalogCheck.Ok) return WriteResult<PersonaView>.BadReference("brandId", BrandProblem(check));

        var now = time.GetUtcNow();
        // Undo: a failed create leaves no catalog entry that would block its brand; the caller retries.
        await state.WriteOrRevertAsync(
            new PersonaState { BrandId = brand, Profile = profile, TemplateId = templateId, Revision = 1, CreatedAt = now, UpdatedAt = now },
            () => Catalog.TryRemovePersonaAsync(Key.Persona));
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
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<PersonaView>.Stale();
        if (brand != state.State.BrandId)
        {
            return WriteResult<PersonaView>.Conflict(
                "A persona cannot move to another brand: its agents inherit its brand. Create a persona in the other brand instead.",
                [$"brand {state.State.BrandId}"]);
        }
        PersonaRules.EnsureValid(profile);
        var previous = state.State.Profile!;
        if (profile.SameAs(previous))
        {
            await Catalog.RegisterPersonaAsync(Entry(brand, previous));
            return WriteResult<PersonaView>.Ok(await ViewAsync());
        }

        await Catalog.RegisterPersonaAsync(Entry(brand, profile));
        await state.WriteOrRevertAsync(
            state.State with { Profile = profile, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() },
            () => Catalog.RegisterPersonaAsync(Entry(brand, previous)));
        return WriteResult<PersonaView>.Ok(await ViewAsync());
    }

    public async Task<WriteResult<PersonaView>> DeleteAsync(int? expectedRevision)
    {
        if (!Exists) return WriteResult<PersonaView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<PersonaView>.Stale();
        var view = await ViewAsync();
        var blockers = await Catalog.TryRemovePersonaAsync(Key.Persona);
        if (blockers.Count > 0) return WriteResult<PersonaView>.Conflict("Delete or disable the agents built from this persona first.", blockers);
        await state.ClearOrRevertAsync(() => Catalog.RegisterPersonaAsync(Entry(state.State.BrandId!.Value, state.State.Profile!)));
        logger.LogInformation("Persona {PersonaId} of tenant {TenantId} deleted", Key.Persona, Key.Tenant);
        return WriteResult<PersonaView>.Ok(view);
    }

    private PersonaEntry Entry(BrandId brand, PersonaProfile profile) =>
        new() { Id = Key.Persona, Name = profile.Name, BrandId = brand, Role = profile.Role };

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
