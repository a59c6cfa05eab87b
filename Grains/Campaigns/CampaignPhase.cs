using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>Where a campaign's lifecycle stands: its status and, when paused, why.</summary>
public sealed record CampaignPhase(CampaignStatus Status, PauseReason? PausedFor = null)
{
    public static CampaignPhase Draft { get; } = new(CampaignStatus.Draft);

    public bool IsFinal => Status is CampaignStatus.Completed or CampaignStatus.Cancelled;
}
