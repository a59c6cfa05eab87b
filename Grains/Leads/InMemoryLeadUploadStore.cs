using System.Collections.Concurrent;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads;

/// <summary>The development-mode parts: one process, one dictionary; the first copy of a part wins, as in PostgreSQL.</summary>
public sealed class InMemoryLeadUploadStore : ILeadUploadStore
{
    private readonly ConcurrentDictionary<(TenantId, LeadImportId, int), LeadUploadPart> _parts = new();

    public Task PutAsync(TenantId tenant, LeadImportId import, LeadUploadPart part, CancellationToken cancellationToken = default)
    {
        _parts.TryAdd((tenant, import, part.Sequence), part);
        return Task.CompletedTask;
    }

    public Task<LeadUploadPart?> GetAsync(TenantId tenant, LeadImportId import, int sequence, CancellationToken cancellationToken = default) =>
        Task.FromResult(_parts.GetValueOrDefault((tenant, import, sequence)));

    public Task<(int Parts, int Rows)> CountAsync(TenantId tenant, LeadImportId import, int parts, CancellationToken cancellationToken = default)
    {
        var stored = Enumerable.Range(0, parts).Select(sequence => _parts.GetValueOrDefault((tenant, import, sequence))).OfType<LeadUploadPart>().ToList();
        return Task.FromResult((stored.Count, stored.Sum(p => p.Rows)));
    }

    public Task DeleteAsync(TenantId tenant, LeadImportId import, CancellationToken cancellationToken = default)
    {
        foreach (var key in _parts.Keys.Where(k => k.Item1 == tenant && k.Item2 == import)) _parts.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
