using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.DoNotCall;

/// <summary>
/// Where tenants' do-not-call lists live: PostgreSQL in production (migration 0006), memory in the all-in-one mode.
/// Numbers are E.164 and unique per tenant; adding one already listed keeps the first entry.
/// </summary>
public interface IDoNotCallStore
{
    /// <summary>Adds the entries not listed yet; answers the stored entry of each, in order, and whether it is new.</summary>
    Task<IReadOnlyList<DoNotCallAddition>> AddAsync(TenantId tenant, IReadOnlyList<DoNotCallEntry> entries, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(TenantId tenant, string number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DoNotCallEntry>> FindAsync(TenantId tenant, IReadOnlyList<string> numbers, CancellationToken cancellationToken = default);

    Task<Page<DoNotCallEntry>> ListAsync(TenantId tenant, string? after, int limit, CancellationToken cancellationToken = default);
}
