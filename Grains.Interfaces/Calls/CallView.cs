using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Campaigns;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;

namespace VoicePlatform.Calls;

/// <summary>A call as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallView")]
public sealed record CallView
{
    [Id(0)] public required CallId Id { get; init; }
    [Id(1)] public required AgentId AgentId { get; init; }
    [Id(2)] public BrandId? BrandId { get; init; }
    [Id(3)] public required string To { get; init; }
    /// <summary>The caller id presented, E.164; null when none could be resolved.</summary>
    [Id(4)] public string? From { get; init; }
    [Id(5)] public PhoneNumberId? FromNumberId { get; init; }
    [Id(6)] public SipTrunkId? TrunkId { get; init; }
    [Id(7)] public required CallStatus Status { get; init; }
    [Id(8)] public CallEndReason? EndReason { get; init; }
    /// <summary>Why, in words, when the reason alone does not say it (e.g. "telephony is not configured").</summary>
    [Id(9)] public string? EndDetail { get; init; }
    [Id(10)] public int? SipStatusCode { get; init; }
    /// <summary>LiveKit's DisconnectReason of the callee, e.g. USER_UNAVAILABLE.</summary>
    [Id(11)] public string? DisconnectReason { get; init; }
    [Id(12)] public required string RoomName { get; init; }
    [Id(13)] public required DateTimeOffset QueuedAt { get; init; }
    [Id(14)] public DateTimeOffset? DialingAt { get; init; }
    [Id(15)] public DateTimeOffset? RingingAt { get; init; }
    [Id(16)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(17)] public DateTimeOffset? EndedAt { get; init; }
    [Id(18)] public CampaignId? CampaignId { get; init; }
    [Id(19)] public LeadId? LeadId { get; init; }
    /// <summary>Human or machine, as the agent worker detected it.</summary>
    [Id(20)] public AnsweredBy? AnsweredBy { get; init; }
    /// <summary>The agent worker's latest outcome.</summary>
    [Id(21)] public CallOutcome? Outcome { get; init; }
    /// <summary>Usage reported so far, summed per kind, provider and model.</summary>
    [Id(22)] public IReadOnlyList<UsageItem> Usage { get; init; } = [];
    /// <summary>Where the agent transferred the callee (E.164), once asked to.</summary>
    [Id(23)] public string? TransferredTo { get; init; }
    /// <summary>The recording, when recording is configured and egress started or finished it.</summary>
    [Id(24)] public CallRecording? Recording { get; init; }
    /// <summary>The call ended before it was dialed (no money, no caller id, no price): nothing rang.</summary>
    [Id(25)] public bool NeverDialed { get; init; }
    /// <summary>When the AI agent was first seen in the room.</summary>
    [Id(26)] public DateTimeOffset? AgentJoinedAt { get; init; }
    /// <summary>Answered by a person while the agent was not in the room within 2 seconds of the answer (a dispatch that found no worker in time).</summary>
    [Id(27)] public bool Abandoned { get; init; }
    /// <summary>The supervisor (an API key's id) who took the call over from the AI agent; null while the agent has it.</summary>
    [Id(28)] public string? TakenOverBy { get; init; }
    [Id(29)] public DateTimeOffset? TakenOverAt { get; init; }
    /// <summary>
    /// The call's estimated price per connected minute (minor units of <see cref="Currency"/>, from the quote it was
    /// placed with): a live view's "cost so far" is this times the talk time; the exact cost is the settled one.
    /// </summary>
    [Id(30)] public long? EstimatedPerMinute { get; init; }
    [Id(31)] public string? Currency { get; init; }
    /// <summary>
    /// What the tenant's wallet has been charged for this call so far (minor units of <see cref="Currency"/>): the
    /// metering blocks debited while it is connected (each debit is published live, the call's cost tick), the final
    /// price once settled.
    /// </summary>
    [Id(32)] public long ChargedSoFar { get; init; }
    /// <summary>Outbound: <see cref="To"/> is the callee, <see cref="From"/> the tenant's number. Inbound: <see cref="From"/> is the caller, <see cref="To"/> the tenant's number.</summary>
    [Id(33)] public CallDirection Direction { get; init; }
    /// <summary>LiveKit's SIP call id of an inbound call.</summary>
    [Id(34)] public string? SipCallId { get; init; }
}
