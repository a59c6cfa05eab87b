using Orleans.Concurrency;

namespace VoicePlatform.Telephony;

/// <summary>
/// What a claim asks of the record that holds it. Called only by <see cref="ITelephonyClaimGrain"/>, never by the API.
/// </summary>
[Alias("vp.ITelephonyClaimHolderGrain")]
public interface ITelephonyClaimHolderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Whether this record's stored state carries <paramref name="key"/>. Interleaves: the claim asks while the record may
    /// be waiting on the claim itself, and only the committed state counts.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> CarriesAsync(TelephonyClaimKey key);

    /// <summary>The operator moved the claim: this record now holds it (<paramref name="held"/>) or no longer does.</summary>
    Task ClaimChangedAsync(TelephonyClaimKey key, bool held);

    /// <summary>Claims what this record carries if it has not yet (records older than claims); idempotent.</summary>
    Task EnsureClaimedAsync();
}
