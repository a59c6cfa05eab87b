using VoicePlatform.Agents;
using VoicePlatform.Brands;

namespace VoicePlatform.Telephony;

/// <summary>Which numbers a list shows; a null member does not filter.</summary>
[GenerateSerializer, Immutable, Alias("vp.PhoneNumberFilter")]
public sealed record PhoneNumberFilter
{
    [Id(0)] public BrandId? BrandId { get; init; }
    [Id(1)] public AgentId? AgentId { get; init; }
    [Id(2)] public PhoneNumberStatus? Status { get; init; }

    public bool Matches(PhoneNumberSummary number) =>
        (BrandId is null || number.AssignedBrandId == BrandId)
        && (AgentId is null || number.AssignedAgentId == AgentId)
        && (Status is null || number.Status == Status);
}
