using System.Collections.Concurrent;
using System.Globalization;
using VoicePlatform.Audit;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Audit;

/// <summary>The development-mode record: a list per tenant under its lock, numbered as PostgreSQL numbers it.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly ConcurrentDictionary<TenantId, List<AuditEntry>> _logs = new();
    private long _sequence;

    public Task AppendAsync(TenantId tenant, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var log = _logs.GetOrAdd(tenant, _ => []);
        lock (log) log.Add(entry with { Sequence = Interlocked.Increment(ref _sequence), At = StoredTime.TruncateToMicroseconds(entry.At) });
        return Task.CompletedTask;
    }

    public Task<Page<AuditEntry>> ListAsync(TenantId tenant, long? before, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, Paging.MaxPageSize);
        var log = _logs.GetOrAdd(tenant, _ => []);
        List<AuditEntry> page;
        lock (log) page = log.Where(e => before is null || e.Sequence < before).OrderByDescending(e => e.Sequence).Take(limit + 1).ToList();
        var more = page.Count > limit;
        if (more) page.RemoveAt(limit);
        return Task.FromResult(new Page<AuditEntry> { Items = page, Next = more ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null });
    }
}
