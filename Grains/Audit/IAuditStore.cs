using VoicePlatform.Audit;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Audit;

/// <summary>Where tenants' change records live: PostgreSQL in production (migration 0013), memory in the all-in-one mode.</summary>
public interface IAuditStore
{
    /// <summary>Appends the entry; the store numbers it (its <see cref="AuditEntry.Sequence"/> is ignored).</summary>
    Task AppendAsync(TenantId tenant, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first, entries older than <paramref name="before"/> when given; <c>Next</c> is the last entry's sequence.</summary>
    Task<Page<AuditEntry>> ListAsync(TenantId tenant, long? before, int limit, CancellationToken cancellationToken = default);
}
