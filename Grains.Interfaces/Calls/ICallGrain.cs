using Orleans.Concurrency;

namespace VoicePlatform.Calls;

/// <summary>One outbound call, keyed <c>{tenant}/{call}</c> (<see cref="GrainFactoryCallExtensions"/>).</summary>
[Alias("vp.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// An inbound call reported by LiveKit — the caller's webhook (<paramref name="byWorker"/> false) or the agent worker
    /// LiveKit dispatched into its room (true). The first report creates the call, routed by the number's settings
    /// (refused, a message, or an agent with this call's instructions); every later one answers the same call. A worker
    /// gets the call's dispatch metadata, with its per-call credential.
    /// </summary>
    Task<InboundClaim> ArriveInboundAsync(InboundArrival arrival, bool byWorker);

    /// <summary>
    /// A webhook about an inbound call's caller: the call is created by it when it is the first report, then the event
    /// is applied — one grain call per webhook.
    /// </summary>
    Task OnInboundCallerEventAsync(InboundArrival arrival, LiveKitCallEvent liveKitEvent);

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

    /// <summary>The agent worker asks to end the call; like <see cref="HangUpAsync"/>, recorded as the agent's doing.</summary>
    Task<CallView?> EndByAgentAsync();

    /// <summary>Whether <paramref name="secret"/> is this call's worker credential and still good (the call is live or ended recently).</summary>
    [ReadOnly]
    Task<bool> AuthenticateWorkerAsync(string secret);

    /// <summary>Stores transcript segments; the number of segments given, or NotFound.</summary>
    Task<Common.WriteResult<int>> AddTranscriptAsync(IReadOnlyList<TranscriptSegment> segments);

    /// <summary>Human or machine; the first report wins, the same one again changes nothing, a different one is a conflict.</summary>
    Task<Common.WriteResult<CallView>> ReportAnsweredByAsync(AnsweredBy answeredBy);

    /// <summary>
    /// As <see cref="ReportAnsweredByAsync(AnsweredBy)"/>, with when the worker heard the answer: a call that ended before
    /// the platform saw its answer (the caller hung up while an outage hid it) and is not settled yet becomes the
    /// answered, completed call it was, billed from <paramref name="answeredAt"/>. (A method of its own, so an API host
    /// of the previous release still reaches the one it knows during a rolling upgrade.)
    /// </summary>
    Task<Common.WriteResult<CallView>> ReportAnswerAsync(AnsweredBy answeredBy, DateTimeOffset? answeredAt);

    /// <summary>The outcome; ordered by its sequence (see <see cref="CallOutcome"/>).</summary>
    Task<Common.WriteResult<CallView>> ReportOutcomeAsync(CallOutcome outcome);

    /// <summary>Adds a usage report once per id; the same id with other items is a conflict.</summary>
    Task<Common.WriteResult<CallView>> ReportUsageAsync(UsageReport usage);

    /// <summary>Transfers the answered callee to another number (LiveKit TransferSIPParticipant), once per call.</summary>
    Task<Common.WriteResult<CallView>> TransferAsync(TransferCall transfer);

    /// <summary>The transcript ordered by start offset, or null when there is no such call.</summary>
    [ReadOnly]
    Task<IReadOnlyList<TranscriptSegment>?> GetTranscriptAsync();

    /// <summary>The call's price and charges, or null when there is no such call.</summary>
    [ReadOnly]
    Task<CallCostView?> GetCostAsync();

    /// <summary>The call's history, or null when there is no such call.</summary>
    [ReadOnly]
    Task<IReadOnlyList<CallEvent>?> GetEventsAsync();

    /// <summary>Applies a LiveKit webhook; repeats of the same event id change nothing.</summary>
    Task OnLiveKitEventAsync(LiveKitCallEvent liveKitEvent);

    /// <summary>
    /// Someone watches this call on its own live stream: from now on the call publishes there too (until then only on
    /// its tenant's stream, so an unwatched call costs one publication per change). Null when there is no such call.
    /// </summary>
    Task<CallWatch?> WatchAsync();

    /// <summary>A hidden, subscribe-only seat in the live call's room for a supervisor (<paramref name="actor"/>), audited.</summary>
    Task<Common.WriteResult<SupervisorSession>> ListenAsync(string actor);

    /// <summary>Removes a supervisor's listener from the room (the token alone would let it stay), audited.</summary>
    Task<Common.WriteResult<SupervisionEntry>> StopListeningAsync(string actor, string participantIdentity);

    /// <summary>
    /// Sends <paramref name="text"/> to the AI agent alone (LiveKit RPC <c>voiceplatform.coach</c>) and waits briefly for
    /// its acknowledgement; audited with the text and the answer.
    /// </summary>
    Task<Common.WriteResult<WhisperReceipt>> WhisperAsync(string actor, string text);

    /// <summary>
    /// A seat that may speak: a listener (<paramref name="participantIdentity"/>, from <see cref="ListenAsync"/>) already
    /// in the room is made visible and allowed to publish at once, and the token lets it rejoin so; without one, a new
    /// visible seat. Audited.
    /// </summary>
    Task<Common.WriteResult<SupervisorSession>> BargeAsync(string actor, string? participantIdentity);

    /// <summary>
    /// Like <see cref="BargeAsync"/>, and the AI agent is removed from the room: the supervisor stays with the callee,
    /// the call's metering goes on, and the call records who took over. Only an answered call; audited.
    /// </summary>
    Task<Common.WriteResult<SupervisorSession>> TakeOverAsync(string actor, string? participantIdentity);

    /// <summary>A supervisor hangs up the call; as <see cref="HangUpAsync()"/>, audited with who did it.</summary>
    Task<CallView?> HangUpByAsync(string actor);

    /// <summary>Who supervised this call, how and when; null when there is no such call.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SupervisionEntry>?> GetSupervisionAsync();
}
