using VoicePlatform.Common;

namespace VoicePlatform.Audit;

/// <summary>
/// A tenant's record of changes (keyed by the tenant id): every successful change made through the API is appended
/// with who made it, and an admin reads it newest first, a page at a time.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    Task RecordAsync(AuditEntry entry);

    /// <summary>Newest first; <paramref name="before"/> is the <see cref="AuditEntry.Sequence"/> of the previous page's last entry.</summary>
    Task<Page<AuditEntry>> ListAsync(long? before, int limit);
}
