using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The call grain's inward side: what its own background work (the dial, a transfer) and the cluster's live-call
/// sweep tell it. Kept off <see cref="ICallGrain"/>, the contract the API calls, so no HTTP route can report a dial
/// outcome or a transfer result; it lives in the grains project, which ApiHost's endpoints never reference.
/// </summary>
[Alias("vp.ICallReportsGrain")]
public interface ICallReportsGrain : IGrainWithStringKey
{
    /// <summary>The background dial reports back here (a self-call, so state changes run on the grain's turn).</summary>
    Task ReportDialOutcomeAsync(DialOutcome outcome);

    /// <summary>The background transfer reports back here.</summary>
    Task ReportTransferOutcomeAsync(string? error);

    /// <summary>
    /// The sweeper's nudge: activates the call (which restarts its watchdog when it is live) and brings its
    /// call record up to date; cheap and harmless on a call that is already active.
    /// </summary>
    Task WakeAsync();
}

/// <summary>The typed way to the inward side of a tenant's call (the same grain as <see cref="GrainFactoryCallExtensions.GetCall"/>).</summary>
public static class GrainFactoryCallReportsExtensions
{
    public static ICallReportsGrain GetCallReports(this IGrainFactory grains, TenantId tenant, CallId call) =>
        grains.GetGrain<ICallReportsGrain>(TenantScopedKey.Format(tenant, call));
}
