using VoicePlatform.Campaigns;
using VoicePlatform.Leads;

namespace VoicePlatform.Grains.Leads.NumberCaps;

/// <summary>A claimed lead asking whether its number may be dialed now under the caps that count per number.</summary>
[GenerateSerializer, Immutable, Alias("vp.NumberCapCheck")]
public sealed record NumberCapCheck(
    [property: Id(0)] CampaignId Campaign,
    [property: Id(1)] LeadId Lead,
    [property: Id(2)] DateTimeOffset ClaimedAt,
    [property: Id(3)] IReadOnlyList<NumberCapLimit> Caps);

/// <summary>At most <see cref="MaxAttempts"/> dials of one number in any <see cref="Per"/>.</summary>
[GenerateSerializer, Immutable, Alias("vp.NumberCapLimit")]
public sealed record NumberCapLimit([property: Id(0)] int MaxAttempts, [property: Id(1)] TimeSpan Per);
