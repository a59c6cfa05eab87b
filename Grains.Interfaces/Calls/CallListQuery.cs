using VoicePlatform.Agents;
using VoicePlatform.Campaigns;

namespace VoicePlatform.Calls;

/// <summary>
/// Filters for a tenant's calls, newest first. <see cref="From"/> and <see cref="To"/> bound the time the call was
/// placed (from inclusive, to exclusive); <see cref="After"/> is the previous page's cursor.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallListQuery")]
public sealed record CallListQuery
{
    [Id(0)] public CallStatus? Status { get; init; }
    [Id(1)] public AgentId? AgentId { get; init; }
    [Id(2)] public CampaignId? CampaignId { get; init; }
    [Id(3)] public DateTimeOffset? From { get; init; }
    [Id(4)] public DateTimeOffset? To { get; init; }
    [Id(5)] public string? After { get; init; }
    [Id(6)] public int Limit { get; init; } = 50;
    [Id(7)] public CallDirection? Direction { get; init; }
}
