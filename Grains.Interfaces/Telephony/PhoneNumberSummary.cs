using VoicePlatform.Agents;
using VoicePlatform.Brands;

namespace VoicePlatform.Telephony;

/// <summary>A number's line in its tenant's telephony directory: enough to list, filter and pick a caller id.</summary>
[GenerateSerializer, Immutable, Alias("vp.PhoneNumberSummary")]
public sealed record PhoneNumberSummary
{
    [Id(0)] public required PhoneNumberId Id { get; init; }
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public string? Label { get; init; }
    [Id(3)] public required PhoneNumberStatus Status { get; init; }
    [Id(4)] public BrandId? AssignedBrandId { get; init; }
    [Id(5)] public AgentId? AssignedAgentId { get; init; }
    [Id(6)] public SipTrunkId? TrunkId { get; init; }
}
