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
    /// <summary>When it first started dialing (or was scheduled to).</summary>
    [Id(7)] public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When it completed or was cancelled.</summary>
    [Id(8)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Why it finished or paused itself, for people.</summary>
    [Id(9)] public string? StatusDetail { get; init; }

    /// <summary>
    /// Answered calls before this do not count towards the recent abandon rate: a person resumed the campaign after it
    /// paused for its abandon rate, having seen why. Kept so a reactivated campaign does not pause again on the same calls.
    /// </summary>
    [Id(10)] public DateTimeOffset? AbandonWindowFrom { get; init; }

    /// <summary>
    /// The IANA zones the campaign's callable leads can be in (a few dozen at most, whatever the list's size), gathered
    /// at import: what "outside every window" is judged in.
    /// </summary>
    [Id(11)] public IReadOnlyList<string> LeadZoneIds { get; init; } = [];

    /// <summary>
    /// Webhook events written with the transition that caused them and not yet known to be in the outbox; dropped from
    /// memory once recorded (and from storage with the next write), recorded again by a new activation (same ids).
    /// </summary>
    [Id(12)] public IReadOnlyList<VoicePlatform.Webhooks.TenantEvent> PendingEvents { get; init; } = [];
}
