using VoicePlatform.Campaigns;

namespace VoicePlatform.Live;

/// <summary>The campaign as <c>GET /api/campaigns/{id}</c> shows it, progress and not-dialing reason included.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignUpdated")]
public sealed record CampaignUpdated : LiveEventPayload
{
    [Id(0)] public required CampaignView Campaign { get; init; }
}
