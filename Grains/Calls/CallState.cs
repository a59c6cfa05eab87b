using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Calls;

/// <summary>A call's grain state; the call exists once <see cref="Request"/> is set.</summary>
[GenerateSerializer, Alias("vp.CallState")]
public sealed record CallState
{
    [Id(0)] public PlaceCall? Request { get; init; }
    [Id(1)] public BrandId? BrandId { get; init; }
    [Id(2)] public string? From { get; init; }
    [Id(3)] public PhoneNumberId? FromNumberId { get; init; }
    [Id(4)] public SipTrunkId? TrunkId { get; init; }
    [Id(5)] public string RoomName { get; init; } = "";
    [Id(6)] public int MaxCallDurationSeconds { get; init; }
    [Id(7)] public CallProgress Progress { get; init; } = new();
    /// <summary>The last webhook event ids applied (bounded): LiveKit re-delivers, and a repeat must change nothing.</summary>
    [Id(8)] public IReadOnlyList<string> SeenEventIds { get; init; } = [];
    /// <summary>Grows with every change the projection sees, so the projection never takes an older call for a newer one.</summary>
    [Id(9)] public long Revision { get; init; }
    /// <summary>SHA-256 (hex) of the agent worker's per-call secret; the secret itself only travels in the dispatch.</summary>
    [Id(10)] public string? WorkerSecretHash { get; init; }
    [Id(11)] public AnsweredBy? AnsweredBy { get; init; }
    [Id(12)] public CallOutcome? Outcome { get; init; }
    [Id(13)] public IReadOnlyList<UsageReport> UsageReports { get; init; } = [];
    [Id(14)] public string? TransferTo { get; init; }
    /// <summary>Why the transfer failed, when it did; the call then goes on with the agent.</summary>
    [Id(15)] public string? TransferError { get; init; }
    /// <summary>The prices in force when the call was placed; it is priced with exactly these at the end.</summary>
    [Id(16)] public VoicePlatform.Pricing.PriceQuote? Quote { get; init; }
    [Id(17)] public CallBilling Billing { get; init; } = new();
    [Id(18)] public CallRecording? Recording { get; init; }
    /// <summary>
    /// Set, in the same write as the end, when the call ended before its dial started. A positive mark: after a crash
    /// the dial's own timestamp may be lost (dialing is not a durable write), and a lead must never take "no dial
    /// time" for "nothing rang".
    /// </summary>
    [Id(19)] public bool NeverDialed { get; init; }
    /// <summary>The supervision audit (a few lines per call at most; written with the call).</summary>
    [Id(20)] public IReadOnlyList<VoicePlatform.Calls.SupervisionEntry> Supervision { get; init; } = [];
    /// <summary>The supervisor (the key's id) who took the call over from the AI agent, and when.</summary>
    [Id(21)] public string? TakenOverBy { get; init; }
    [Id(22)] public DateTimeOffset? TakenOverAt { get; init; }
    /// <summary>
    /// The W3C trace context of the request that placed the call (when tracing is on). LiveKit's webhooks carry no trace
    /// context, so the span of each webhook the call applies links back to this one.
    /// </summary>
    [Id(23)] public string? TraceParent { get; init; }
    [Id(24)] public CallDirection Direction { get; init; }
    /// <summary>LiveKit's SIP call id of an inbound call (its key is derived from it).</summary>
    [Id(25)] public string? SipCallId { get; init; }
    /// <summary>The phone's participant identity when it is not <see cref="CallLifecycle.CalleeIdentity"/> (an inbound caller's <c>sip_…</c>).</summary>
    [Id(26)] public string? CalleeIdentity { get; init; }
    /// <summary>What the inbound call's agent worker was told: converse, say a message, or leave.</summary>
    [Id(27)] public InboundClaimMode? InboundMode { get; init; }
    [Id(28)] public string? InboundMessage { get; init; }
    /// <summary>How a message-only inbound call ends when the message is said: closed is a completed call, no funds is insufficient funds.</summary>
    [Id(29)] public CallEndReason? MessageEndReason { get; init; }
}
