using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Tenants;

[GrainType("tenant-directory")]
public sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory", StorageNames.Platform)] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public const int MaxPageSize = 200;

    public async Task UpsertAsync(TenantListing listing)
    {
        if (state.State.Tenants.TryGetValue(listing.Id.Value, out var current) && current == listing) return;
        state.State.Tenants[listing.Id.Value] = listing;
        await state.WriteStateAsync();
    }

    public Task<TenantPage> ListAsync(string? after, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var page = state.State.Tenants.Values
            .Where(t => after is null || string.CompareOrdinal(t.Id.Value, after) > 0)
            .OrderBy(t => t.Id.Value, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var hasMore = page.Count > limit;
        if (hasMore) page.RemoveAt(limit);
        return Task.FromResult(new TenantPage { Items = page, Next = hasMore ? page[^1].Id.Value : null });
    }
}
