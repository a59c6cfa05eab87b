using Orleans.Concurrency;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>
/// A tenant's index of its trunks and numbers, keyed by the tenant id: listing and filtering never scan
/// grains, and it is the one place per tenant that serializes E.164 registrations, so two numbers of a
/// tenant can never hold the same E.164. Only trunk and number grains write to it, after their own
/// state changes; reads are <see cref="ReadOnlyAttribute"/> and interleave.
/// </summary>
[Alias("vp.ITelephonyDirectoryGrain")]
public interface ITelephonyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves <paramref name="e164"/> for <paramref name="number"/> and answers the number that now holds
    /// it: <paramref name="number"/> itself on success (also when it already held it), another number when taken.
    /// </summary>
    Task<PhoneNumberId> ReserveNumberAsync(PhoneNumberId number, string e164);

    /// <summary>Gives back a reservation <paramref name="number"/> made but never used (its write failed).</summary>
    Task ReleaseNumberAsync(PhoneNumberId number, string e164);

    /// <summary>Records the number as now stored; frees any other E.164 it held before.</summary>
    Task UpsertNumberAsync(PhoneNumberSummary number);

    /// <summary>Forgets the number and frees its E.164. Repeating it is harmless.</summary>
    Task RemoveNumberAsync(PhoneNumberId number);

    Task UpsertTrunkAsync(SipTrunkSummary trunk);

    /// <summary>Forgets the trunk unless numbers still use it; answers their ids (empty when removed).</summary>
    Task<IReadOnlyList<string>> RemoveTrunkAsync(SipTrunkId trunk);

    [ReadOnly]
    Task<Page<SipTrunkSummary>> ListTrunksAsync(string? after, int limit);

    [ReadOnly]
    Task<Page<PhoneNumberSummary>> ListNumbersAsync(PhoneNumberFilter filter, string? after, int limit);

    /// <summary>
    /// The caller id and trunk for a call of this tenant. The rule, strictly:
    /// <list type="number">
    /// <item>Only this tenant's numbers are candidates (the directory is keyed by the tenant), and only
    /// active ones whose trunk is this tenant's, active, and — when the trunk lists numbers — lists it.</item>
    /// <item><paramref name="preferred"/>, when given, is the only candidate; it must also not be assigned to a
    /// different brand or agent than the call's.</item>
    /// <item>Otherwise a number assigned to <paramref name="agent"/> (one also on <paramref name="brand"/> first),
    /// then a number assigned to <paramref name="brand"/> (one not reserved for another agent first); ties by id.</item>
    /// <item>Nothing assigned means <see cref="CallerIdOutcome.NoCallerId"/> — never "any active number".</item>
    /// </list>
    /// </summary>
    [ReadOnly]
    Task<CallerIdResolution> ResolveCallerIdAsync(PhoneNumberId? preferred, BrandId? brand, AgentId? agent);
}
