using VoicePlatform.Brands;
using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>A campaign's grain state: small on purpose; its leads live in the lead table. It exists once <see cref="Settings"/> is set.</summary>
[GenerateSerializer, Alias("vp.CampaignState")]
public sealed record CampaignState
{
    [Id(0)] public CampaignSettings? Settings { get; init; }
    [Id(1)] public BrandId? BrandId { get; init; }
    [Id(2)] public CampaignStatus Status { get; init; }
    [Id(3)] public PauseReason? PausedFor { get; init; }
    [Id(4)] public int Revision { get; init; }
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }
}
