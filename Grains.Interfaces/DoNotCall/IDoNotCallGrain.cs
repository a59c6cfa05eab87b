using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.DoNotCall;

/// <summary>
/// A tenant's do-not-call list, checked when leads are imported and again before every dial. Keyed by tenant id. The
/// list itself lives in PostgreSQL (it can hold millions of numbers); this grain is the tenant's door to it. Adding is
/// idempotent: a number already listed keeps its first entry.
/// </summary>
[Alias("vp.IDoNotCallGrain")]
public interface IDoNotCallGrain : IGrainWithStringKey
{
    Task<DoNotCallAddition> AddAsync(DoNotCallEntry entry);

    /// <summary>Adds every entry not listed yet; answers how many were new.</summary>
    Task<int> AddManyAsync(IReadOnlyList<DoNotCallEntry> entries);

    /// <summary>False when the number was not listed.</summary>
    Task<bool> RemoveAsync(string number);

    Task<DoNotCallEntry?> FindAsync(string number);

    /// <summary>Which of <paramref name="numbers"/> are listed (a lead import checks a batch at once).</summary>
    Task<IReadOnlyList<string>> ListedAmongAsync(IReadOnlyList<string> numbers);

    /// <summary>The list ordered by number, one page after <paramref name="after"/>.</summary>
    Task<Page<DoNotCallEntry>> ListAsync(string? after, int limit);
}

/// <summary>The typed way to a tenant's do-not-call list.</summary>
public static class GrainFactoryDoNotCallExtensions
{
    public static IDoNotCallGrain GetDoNotCallList(this IGrainFactory grains, TenantId tenant) => grains.GetGrain<IDoNotCallGrain>(tenant.Value);
}
