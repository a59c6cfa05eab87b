using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Campaigns;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Calls;

/// <summary>
/// A call as the PostgreSQL projection keeps it for lists and reports. The call grain upserts it after each
/// durable transition; <see cref="Revision"/> only grows, so a late or repeated upsert never overwrites newer data.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallRecord")]
public sealed record CallRecord
{
    [Id(0)] public required TenantId TenantId { get; init; }
    [Id(1)] public required CallId CallId { get; init; }
    [Id(2)] public required long Revision { get; init; }
    [Id(3)] public required AgentId AgentId { get; init; }
    [Id(4)] public BrandId? BrandId { get; init; }
    [Id(5)] public CampaignId? CampaignId { get; init; }
    [Id(6)] public LeadId? LeadId { get; init; }
    [Id(7)] public required string To { get; init; }
    [Id(8)] public string? From { get; init; }
    [Id(9)] public required CallStatus Status { get; init; }
    [Id(10)] public CallEndReason? EndReason { get; init; }
    [Id(11)] public AnsweredBy? AnsweredBy { get; init; }
    [Id(12)] public CallDisposition? Disposition { get; init; }
    [Id(13)] public int? SipStatusCode { get; init; }
    [Id(14)] public required DateTimeOffset QueuedAt { get; init; }
    [Id(15)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(16)] public DateTimeOffset? EndedAt { get; init; }
    /// <summary>True once the call is paid for (or needed no payment); the sweeper wakes ended calls until it is.</summary>
    [Id(17)] public bool Settled { get; init; }
    /// <summary>Connected seconds billed.</summary>
    [Id(18)] public long BilledSeconds { get; init; }
    /// <summary>The settled price, minor units of <see cref="Currency"/>.</summary>
    [Id(19)] public long? CostTotal { get; init; }
    [Id(20)] public string? Currency { get; init; }
    /// <summary>Answered by a person while no AI agent was there to talk (see <see cref="CallView.Abandoned"/>).</summary>
    [Id(21)] public bool Abandoned { get; init; }
    /// <summary>The supervisor (an API key's id) who took the call over from the AI agent.</summary>
    [Id(22)] public string? TakenOverBy { get; init; }
    [Id(23)] public CallDirection Direction { get; init; }
}
