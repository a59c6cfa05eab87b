using Orleans.Concurrency;
using VoicePlatform.Audit;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Audit;

/// <summary>
/// A tenant's change record, in the store: a stateless worker, so a burst of one tenant's changes is not queued behind
/// one activation, and nothing is held in grain state (the store numbers and orders the entries).
/// </summary>
[StatelessWorker, GrainType("audit-log")]
public sealed class AuditLogGrain(IAuditStore store) : Grain, IAuditLogGrain
{
    private TenantId Tenant => TenantId.FromValidated(this.GetPrimaryKeyString());

    public Task RecordAsync(AuditEntry entry) => store.AppendAsync(Tenant, entry);

    public Task<Page<AuditEntry>> ListAsync(long? before, int limit) => store.ListAsync(Tenant, before, limit);
}
