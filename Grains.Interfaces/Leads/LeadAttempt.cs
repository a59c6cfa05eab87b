using VoicePlatform.Calls;

namespace VoicePlatform.Leads;

/// <summary>One attempt to reach a lead: the call it placed, when, and how it ended. Kept on the lead's row.</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadAttempt")]
public sealed record LeadAttempt
{
    /// <summary>1 for the first attempt; an attempt that never reached the phone network is not counted.</summary>
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required CallId CallId { get; init; }
    [Id(2)] public required DateTimeOffset DialedAt { get; init; }
    [Id(3)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(4)] public DateTimeOffset? EndedAt { get; init; }
    [Id(5)] public CallEndReason? EndReason { get; init; }
    [Id(6)] public CallDisposition? Disposition { get; init; }
    /// <summary>What the retry policy made of it: no-answer, busy, voicemail, failed, conversation, callback-requested, do-not-call.</summary>
    [Id(7)] public string? Outcome { get; init; }
    /// <summary>What was decided for the lead after it (retry at …, exhausted, completed).</summary>
    [Id(8)] public string? Decision { get; init; }
    [Id(9)] public bool Abandoned { get; init; }
    /// <summary>
    /// Inbound: the lead called back one of the tenant's numbers (a returned call). It is not a dial: it counts for no
    /// attempt limit or frequency cap, and <see cref="Number"/> is the dial count when it came.
    /// </summary>
    [Id(10)] public CallDirection Direction { get; init; }
}
