using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.DoNotCall;

/// <summary>
/// A tenant's door to its do-not-call list in the store. Stateless: the list is the store's, so any number of
/// activations may serve a tenant, and a check before a dial never waits behind an import.
/// </summary>
[GrainType("do-not-call"), StatelessWorker]
public sealed class DoNotCallGrain(IDoNotCallStore store, ILogger<DoNotCallGrain> logger) : Grain, IDoNotCallGrain
{
    /// <summary>The most entries one bulk call takes (the API takes as many in one request).</summary>
    public const int MaxBatch = 10_000;

    private TenantId Tenant => TenantId.Parse(this.GetPrimaryKeyString());

    public async Task<DoNotCallAddition> AddAsync(DoNotCallEntry entry)
    {
        var result = (await store.AddAsync(Tenant, [entry]))[0];
        if (result.Added) logger.LogInformation("Tenant {TenantId} added a number to its do-not-call list ({Source})", Tenant, entry.Source);
        return result;
    }

    public async Task<int> AddManyAsync(IReadOnlyList<DoNotCallEntry> entries)
    {
        if (entries.Count > MaxBatch) throw new ArgumentException($"entries: at most {MaxBatch} at once.");
        var added = (await store.AddAsync(Tenant, entries)).Count(r => r.Added);
        logger.LogInformation("Tenant {TenantId} imported {Added} new numbers of {Count} into its do-not-call list", Tenant, added, entries.Count);
        return added;
    }

    public Task<bool> RemoveAsync(string number) => store.RemoveAsync(Tenant, number);

    public async Task<DoNotCallEntry?> FindAsync(string number) => (await store.FindAsync(Tenant, [number])).FirstOrDefault();

    public async Task<IReadOnlyList<string>> ListedAmongAsync(IReadOnlyList<string> numbers) =>
        (await store.FindAsync(Tenant, numbers)).Select(e => e.Number).ToList();

    public Task<Page<DoNotCallEntry>> ListAsync(string? after, int limit) => store.ListAsync(Tenant, after, limit);
}
