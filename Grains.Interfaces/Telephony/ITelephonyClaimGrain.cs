using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Telephony;

/// <summary>
/// The platform-wide owner of one number or LiveKit trunk, keyed by <see cref="TelephonyClaimKey"/>. Its turns are
/// serialized, so of two tenants racing for one number exactly one wins. A tenant's record claims first and writes
/// its own state second; a claim whose holder never wrote (a crash in between) is found and released the next time
/// someone else asks for it, once it is older than the orphan grace.
/// </summary>
[Alias("vp.ITelephonyClaimGrain")]
public interface ITelephonyClaimGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims for <paramref name="holder"/> and answers who holds it now: <paramref name="holder"/> on success (also when
    /// it already held it), someone else when taken. <paramref name="existingRecord"/> marks a record that existed before
    /// claims did: when it loses, it is listed as a contender for the operator to resolve.
    /// </summary>
    Task<TelephonyClaimHolder> ClaimAsync(TelephonyClaimHolder holder, bool existingRecord);

    /// <summary>Releases the claim if <paramref name="holder"/> holds it; anything else is left alone.</summary>
    Task ReleaseAsync(TelephonyClaimHolder holder);

    [ReadOnly]
    Task<TelephonyClaimView> GetAsync();

    /// <summary>
    /// Operator only: gives the claim to <paramref name="holder"/>, whose record must carry this number or trunk. The
    /// previous holder's record stops using it. NotFound when the record does not exist or carries something else.
    /// </summary>
    Task<WriteResult<TelephonyClaimView>> ReassignAsync(TelephonyClaimHolder holder);
}
