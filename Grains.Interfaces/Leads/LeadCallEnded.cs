using VoicePlatform.Calls;

namespace VoicePlatform.Leads;

/// <summary>A campaign call's end as its call grain reports it to the lead (again after a late outcome).</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadCallEnded")]
public sealed record LeadCallEnded
{
    [Id(0)] public required CallId CallId { get; init; }
    [Id(1)] public required CallEndReason EndReason { get; init; }
    [Id(2)] public required DateTimeOffset EndedAt { get; init; }
    [Id(3)] public DateTimeOffset? AnsweredAt { get; init; }
    /// <summary>When the call left the platform for LiveKit; null when it was never dialed (no funds, no caller id).</summary>
    [Id(4)] public DateTimeOffset? DialedAt { get; init; }
    [Id(5)] public CallDisposition? Disposition { get; init; }
    [Id(6)] public DateTimeOffset? CallbackAt { get; init; }
    [Id(7)] public AnsweredBy? AnsweredBy { get; init; }
    /// <summary>Answered by a person while the agent had not joined within the abandon limit after the answer.</summary>
    [Id(8)] public bool Abandoned { get; init; }
    /// <summary>Inbound: the lead called one of the tenant's numbers (a returned call), not an attempt the campaign dialed.</summary>
    [Id(9)] public CallDirection Direction { get; init; }
}
