using VoicePlatform.Agents;
using VoicePlatform.Brands;

namespace VoicePlatform.Telephony;

/// <summary>Everything about a caller-id number its owner edits; written whole on create and update.</summary>
[GenerateSerializer, Immutable, Alias("vp.PhoneNumberSettings")]
public sealed record PhoneNumberSettings
{
    /// <summary>E.164 (+14155550100); unique within the tenant.</summary>
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public string? Label { get; init; }
    [Id(2)] public PhoneNumberStatus Status { get; init; }
    [Id(3)] public BrandId? AssignedBrandId { get; init; }
    [Id(4)] public AgentId? AssignedAgentId { get; init; }
    [Id(5)] public SipTrunkId? TrunkId { get; init; }
    /// <summary>How the number answers calls to it; null: it takes no inbound calls.</summary>
    [Id(6)] public InboundRouting? Inbound { get; init; }
}
