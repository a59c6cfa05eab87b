using System.Collections.Concurrent;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.DoNotCall;

/// <summary>The development-mode list: one process, so a sorted dictionary per tenant under its lock; the same rules as PostgreSQL.</summary>
public sealed class InMemoryDoNotCallStore : IDoNotCallStore
{
    private readonly ConcurrentDictionary<TenantId, SortedDictionary<string, DoNotCallEntry>> _lists = new();

    public Task<IReadOnlyList<DoNotCallAddition>> AddAsync(TenantId tenant, IReadOnlyList<DoNotCallEntry> entries, CancellationToken cancellationToken = default)
    {
        var list = List(tenant);
        lock (list)
        {
            var results = new List<DoNotCallAddition>(entries.Count);
            foreach (var entry in entries)
            {
                var stored = entry with { AddedAt = StoredTime.TruncateToMicroseconds(entry.AddedAt) };
                var added = list.TryAdd(entry.Number, stored);
                results.Add(new DoNotCallAddition(list[entry.Number], added));
            }
            return Task.FromResult<IReadOnlyList<DoNotCallAddition>>(results);
        }
    }

    public Task<bool> RemoveAsync(TenantId tenant, string number, CancellationToken cancellationToken = default)
    {
        var list = List(tenant);
        lock (list) return Task.FromResult(list.Remove(number));
    }

    public Task<IReadOnlyList<DoNotCallEntry>> FindAsync(TenantId tenant, IReadOnlyList<string> numbers, CancellationToken cancellationToken = default)
    {
        var list = List(tenant);
        lock (list)
            return Task.FromResult<IReadOnlyList<DoNotCallEntry>>(numbers.Distinct().Select(n => list.GetValueOrDefault(n)).OfType<DoNotCallEntry>().ToList());
    }

    public Task<Page<DoNotCallEntry>> ListAsync(TenantId tenant, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var list = List(tenant);
        lock (list) return Task.FromResult(Paging.Take(list.Values.Where(e => after is null || string.CompareOrdinal(e.Number, after) > 0).Take(Paging.MaxPageSize + 1).ToList(), e => e.Number, after, limit));
    }

    private SortedDictionary<string, DoNotCallEntry> List(TenantId tenant) => _lists.GetOrAdd(tenant, _ => new SortedDictionary<string, DoNotCallEntry>(StringComparer.Ordinal));
}
