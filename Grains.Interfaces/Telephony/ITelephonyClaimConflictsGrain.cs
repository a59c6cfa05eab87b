using Orleans.Concurrency;

namespace VoicePlatform.Telephony;

/// <summary>
/// The platform's list of contested claims (one grain, <see cref="Key"/>): numbers or trunks that two tenants' existing
/// records carried when claims were introduced. Small by nature; the operator resolves each with a reassignment.
/// </summary>
[Alias("vp.ITelephonyClaimConflictsGrain")]
public interface ITelephonyClaimConflictsGrain : IGrainWithStringKey
{
    public const string Key = "platform";

    Task ReportAsync(TelephonyClaimKey claim);

    Task ResolvedAsync(TelephonyClaimKey claim);

    [ReadOnly]
    Task<IReadOnlyList<TelephonyClaimKey>> ListAsync();

    /// <summary>Whether the upgrade pass that claims every existing record has completed once.</summary>
    [ReadOnly]
    Task<bool> IsBackfilledAsync();

    Task MarkBackfilledAsync();
}
