using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns;

[GenerateSerializer, Alias("vp.CampaignDirectoryState")]
public sealed record CampaignDirectoryState
{
    /// <summary>By campaign id.</summary>
    [Id(0)] public Dictionary<string, CampaignEntry> Campaigns { get; init; } = new(StringComparer.Ordinal);
}
