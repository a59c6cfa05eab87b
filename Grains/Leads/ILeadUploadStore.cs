using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// Where the parts of a large lead list wait for their import job: PostgreSQL in production (migration 0009), memory
/// in the all-in-one mode. A part is kept once (a repeat leaves the first copy) and read back by its sequence.
/// </summary>
public interface ILeadUploadStore
{
    Task PutAsync(TenantId tenant, LeadImportId import, LeadUploadPart part, CancellationToken cancellationToken = default);

    /// <summary>The part, or null when it was never stored (or the job's parts were deleted).</summary>
    Task<LeadUploadPart?> GetAsync(TenantId tenant, LeadImportId import, int sequence, CancellationToken cancellationToken = default);

    /// <summary>How many of the parts 0 … <paramref name="parts"/>−1 are stored, and their rows.</summary>
    Task<(int Parts, int Rows)> CountAsync(TenantId tenant, LeadImportId import, int parts, CancellationToken cancellationToken = default);

    Task DeleteAsync(TenantId tenant, LeadImportId import, CancellationToken cancellationToken = default);
}
