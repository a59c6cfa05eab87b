namespace VoicePlatform.Campaigns;

/// <summary>How fast a campaign dials: at most this many live calls, and this many dials in any minute.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignPacing")]
public sealed record CampaignPacing
{
    public const int MaxConcurrent = 500;
    public const int MaxPerMinute = 1200;

    [Id(0)] public int MaxConcurrentCalls { get; init; } = 5;
    [Id(1)] public int MaxDialsPerMinute { get; init; } = 30;
}
