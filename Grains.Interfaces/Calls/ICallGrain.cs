using Orleans.Concurrency;

namespace VoicePlatform.Calls;

/// <summary>One outbound call, keyed <c>{tenant}/{call}</c> (<see cref="GrainFactoryCallExtensions"/>).</summary>
[Alias("vp.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the call and answers at once (dialling goes on in the background). Repeating it with the same
    /// request answers the same call and never dials twice; a different request under the same id is a conflict.
    /// </summary>
    Task<Common.WriteResult<CallView>> PlaceAsync(PlaceCall request);

    /// <summary>The call, or null when this tenant has no such call.</summary>
    [ReadOnly]
    Task<CallView?> GetAsync();

    /// <summary>
    /// Hangs up: Cancelled before an answer, Completed after; an ended call is answered as it is. Not interleaved:
    /// the dial runs off the grain's turn, so a hang-up never waits behind the ringing, and a turn of its own keeps
    /// its state write from racing the dial's report.
    /// </summary>
    Task<CallView?> HangUpAsync();

    /// <summary>Applies a LiveKit webhook; repeats of the same event id change nothing.</summary>
    Task OnLiveKitEventAsync(LiveKitCallEvent liveKitEvent);

    /// <summary>The background dial reports back here (a self-call, so state changes run on the grain's turn).</summary>
    Task ReportDialOutcomeAsync(DialOutcome outcome);
}
