using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>One outbound SIP trunk of a tenant. Keyed by <see cref="TenantScopedKey"/> (tenant/trunk).</summary>
[Alias("vp.ISipTrunkGrain")]
public interface ISipTrunkGrain : ITelephonyClaimHolderGrain
{
    /// <summary>Creates the trunk; repeating the same create answers the same trunk.</summary>
    Task<WriteResult<SipTrunkView>> CreateAsync(SipTrunkSettings settings);

    /// <summary>The trunk, or null when it does not exist in this tenant.</summary>
    [ReadOnly]
    Task<SipTrunkView?> GetAsync();

    /// <summary>Replaces the settings if <paramref name="expectedRevision"/> is null or current.</summary>
    Task<WriteResult<SipTrunkView>> UpdateAsync(SipTrunkSettings settings, int? expectedRevision);

    /// <summary>Deletes the trunk unless numbers still use it (Conflict lists them).</summary>
    Task<WriteResult<SipTrunkView>> DeleteAsync(int? expectedRevision);
}
