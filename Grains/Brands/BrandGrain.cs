using Microsoft.Extensions.Logging;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Brands;

[GrainType("brand")]
public sealed class BrandGrain(
    [PersistentState("brand", StorageNames.Platform)] IPersistentState<BrandState> state,
    TimeProvider time,
    ILogger<BrandGrain> logger) : Grain, IBrandGrain
{
    private (TenantId Tenant, BrandId Brand) Key => TenantScopedKey.Parse<BrandId>(this.GetPrimaryKeyString());

    private bool Exists => state.State.Profile is not null;

    public async Task<WriteResult<BrandView>> CreateAsync(BrandProfile profile)
    {
        BrandRules.EnsureValid(profile);
        if (Exists)
        {
            // The same create again (an idempotent retry) answers the brand; anything else reuses an id.
            if (!state.State.Profile!.SameAs(profile) || state.State.Revision != 1)
                return WriteResult<BrandView>.Conflict("This idempotency key already created a different brand.", []);
            await PublishAsync();
            return WriteResult<BrandView>.Ok(View());
        }
        var now = time.GetUtcNow();
        await state.WriteOrRevertAsync(new BrandState { Profile = profile, Status = BrandStatus.Active, Revision = 1, CreatedAt = now, UpdatedAt = now });
        await PublishAsync();
        logger.LogInformation("Brand {BrandId} of tenant {TenantId} created", Key.Brand, Key.Tenant);
        return WriteResult<BrandView>.Created(View());
    }

    public Task<BrandView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public async Task<WriteResult<BrandView>> UpdateAsync(BrandProfile profile, int? expectedRevision)
    {
        if (!Exists) return WriteResult<BrandView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<BrandView>.Stale();
        BrandRules.EnsureValid(profile);
        if (profile.SameAs(state.State.Profile!))
        {
            await PublishAsync();
            return WriteResult<BrandView>.Ok(View());
        }

        await state.WriteOrRevertAsync(state.State with { Profile = profile, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() });
        await PublishAsync();
        return WriteResult<BrandView>.Ok(View());
    }

    public async Task<WriteResult<BrandView>> ArchiveAsync(int? expectedRevision)
    {
        if (!Exists) return WriteResult<BrandView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, state.State.Revision)) return WriteResult<BrandView>.Stale();
        if (state.State.Status == BrandStatus.Archived) return WriteResult<BrandView>.Ok(View());

        // The catalog decides, because it alone sees every persona and agent of the tenant at once.
        var blockers = await GrainFactory.GetCatalog(Key.Tenant).TryArchiveBrandAsync(Key.Brand);
        if (blockers.Count > 0)
            return WriteResult<BrandView>.Conflict("Archive or move what still uses this brand first.", blockers);

        // Undo: the catalog learns the brand is active again, so it takes new personas as before.
        await state.WriteOrRevertAsync(state.State with { Status = BrandStatus.Archived, Revision = state.State.Revision + 1, UpdatedAt = time.GetUtcNow() }, PublishAsync);
        logger.LogInformation("Brand {BrandId} of tenant {TenantId} archived", Key.Brand, Key.Tenant);
        return WriteResult<BrandView>.Ok(View());
    }

    public async Task<WriteResult<BrandView>> CloneAsync(BrandId cloneId, string? companyName)
    {
        if (!Exists) return WriteResult<BrandView>.NotFound();
        var profile = state.State.Profile! with { CompanyName = companyName ?? TrimToLimit(state.State.Profile!.CompanyName + " (copy)") };
        return await GrainFactory.GetBrand(Key.Tenant, cloneId).CreateAsync(profile);
    }

    private static string TrimToLimit(string name) => name.Length <= BrandProfile.MaxNameLength ? name : name[..BrandProfile.MaxNameLength];

    private Task PublishAsync() => GrainFactory.GetCatalog(Key.Tenant).UpsertBrandAsync(new BrandEntry
    {
        Id = Key.Brand,
        Name = state.State.Profile!.CompanyName,
        Status = state.State.Status,
        Industry = state.State.Profile.Industry,
    });

    private BrandView View() => new()
    {
        Id = Key.Brand,
        Profile = state.State.Profile!,
        Status = state.State.Status,
        Revision = state.State.Revision,
        CreatedAt = state.State.CreatedAt,
        UpdatedAt = state.State.UpdatedAt,
    };
}
