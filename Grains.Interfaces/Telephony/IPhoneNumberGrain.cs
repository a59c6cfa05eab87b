using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>One caller-id number of a tenant. Keyed by <see cref="TenantScopedKey"/> (tenant/number).</summary>
[Alias("vp.IPhoneNumberGrain")]
public interface IPhoneNumberGrain : ITelephonyClaimHolderGrain
{
    /// <summary>
    /// Creates the number; repeating the same create answers the same number. Conflict when the tenant
    /// already has the E.164; InvalidReference naming the field when a brand, agent or trunk is not this tenant's.
    /// </summary>
    Task<WriteResult<PhoneNumberView>> CreateAsync(PhoneNumberSettings settings);

    /// <summary>The number, or null when it does not exist in this tenant.</summary>
    [ReadOnly]
    Task<PhoneNumberView?> GetAsync();

    /// <summary>Replaces the settings if <paramref name="expectedRevision"/> is null or current.</summary>
    Task<WriteResult<PhoneNumberView>> UpdateAsync(PhoneNumberSettings settings, int? expectedRevision);

    /// <summary>Deletes the number and frees its E.164 for the tenant to register again.</summary>
    Task<WriteResult<PhoneNumberView>> DeleteAsync(int? expectedRevision);
}
