using VoicePlatform.Brands;

namespace VoicePlatform.Campaigns;

/// <summary>A campaign as the API shows it: its settings, the brand it calls for (its agent's), and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignView")]
public sealed record CampaignView
{
    [Id(0)] public required CampaignId Id { get; init; }
    [Id(1)] public required CampaignSettings Settings { get; init; }
    [Id(2)] public required BrandId BrandId { get; init; }
    [Id(3)] public required CampaignStatus Status { get; init; }
    [Id(4)] public PauseReason? PausedFor { get; init; }
    [Id(5)] public required int Revision { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Leads, live calls, pace and the not-dialing reason; in a campaign's own read, not in lists and writes.</summary>
    [Id(8)] public CampaignProgress? Progress { get; init; }
    /// <summary>Why it paused itself or finished, in words (insufficient funds: 120 needed, 40 available…).</summary>
    [Id(9)] public string? StatusDetail { get; init; }
}
