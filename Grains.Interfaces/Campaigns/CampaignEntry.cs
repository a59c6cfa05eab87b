using VoicePlatform.Telephony;
using VoicePlatform.Agents;
using VoicePlatform.Brands;

namespace VoicePlatform.Campaigns;

/// <summary>A campaign in its tenant's list.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignEntry")]
public sealed record CampaignEntry
{
    [Id(0)] public required CampaignId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required CampaignStatus Status { get; init; }
    [Id(3)] public required AgentId AgentId { get; init; }
    [Id(4)] public required BrandId BrandId { get; init; }
    /// <summary>The trunk the campaign is paced for, so a trunk in use cannot be deleted under it.</summary>
    [Id(5)] public SipTrunkId? TrunkId { get; init; }
}
