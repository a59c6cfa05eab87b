namespace VoicePlatform.Campaigns;

/// <summary>Draft → Scheduled → Running ⇄ Paused → Completed | Cancelled (Completed and Cancelled are final).</summary>
[GenerateSerializer, Alias("vp.CampaignStatus")]
public enum CampaignStatus
{
    Draft = 0,
    /// <summary>Started, waiting for its start time.</summary>
    Scheduled = 1,
    Running = 2,
    Paused = 3,
    Completed = 4,
    Cancelled = 5,
}
