using VoicePlatform.Agents;
using VoicePlatform.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.Campaigns;

/// <summary>What a campaign dials, with which agent and numbers, when, how fast, and how it retries.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignSettings")]
public sealed record CampaignSettings
{
    public const int MaxNameLength = 200;
    public const int MaxCallerIds = 100;
    public const int MaxWindows = 14;
    public const int MaxTenantRules = 20;

    [Id(0)] public required string Name { get; init; }
    /// <summary>The agent that talks; the campaign's brand is the agent's.</summary>
    [Id(1)] public required AgentId AgentId { get; init; }
    /// <summary>The numbers that may present its calls; empty: the agent's or brand's number, as for single calls.</summary>
    [Id(2)] public IReadOnlyList<PhoneNumberId> CallerIdNumberIds { get; init; } = [];
    [Id(3)] public SipTrunkId? TrunkId { get; init; }
    [Id(4)] public DateTimeOffset? StartsAt { get; init; }
    [Id(5)] public DateTimeOffset? EndsAt { get; init; }
    /// <summary>When to call, in each lead's own local time.</summary>
    [Id(6)] public required IReadOnlyList<CallWindow> Windows { get; init; }
    /// <summary>The zone for a lead whose zone neither it nor its number gives.</summary>
    [Id(7)] public string? DefaultTimeZone { get; init; }
    /// <summary>The region national numbers in an import are read in (ISO 3166 alpha-2).</summary>
    [Id(8)] public string DefaultRegion { get; init; } = "US";
    [Id(9)] public CampaignPacing Pacing { get; init; } = new();
    [Id(10)] public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
    [Id(11)] public CallerIdRotation CallerIdRotation { get; init; } = CallerIdRotation.RoundRobin;
    /// <summary>US numbers need recorded consent (on by default; turning it off is recorded with the campaign).</summary>
    [Id(12)] public bool RequireConsentForUsNumbers { get; init; } = true;
    /// <summary>Resume by itself after a top-up when it paused for funds.</summary>
    [Id(13)] public bool AutoResume { get; init; }
    /// <summary>Past this share of abandoned answered calls the campaign slows, then pauses.</summary>
    [Id(14)] public double AbandonRateLimitPercent { get; init; } = 3;
    /// <summary>The tenant's own rules for this campaign, stricter than the shipped ones.</summary>
    [Id(15)] public IReadOnlyList<CallingRule> CallingRules { get; init; } = [];

    /// <summary>The same settings, value by value: an idempotent repeat or a no-op update.</summary>
    public bool SameAs(CampaignSettings other) =>
        this with { CallerIdNumberIds = other.CallerIdNumberIds, Windows = other.Windows, CallingRules = other.CallingRules } == other
        && ValueEquality.Lists(CallerIdNumberIds, other.CallerIdNumberIds)
        && Windows.Count == other.Windows.Count && Windows.Zip(other.Windows).All(p => p.First.SameAs(p.Second))
        && CallingRules.Count == other.CallingRules.Count && CallingRules.Zip(other.CallingRules).All(p => p.First.SameAs(p.Second));
}
