using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>A campaign asks for dials: how many calls it has live now, how many it wants to place, and through which trunk.</summary>
[GenerateSerializer, Immutable, Alias("vp.DialRequest")]
public sealed record DialRequest(
    [property: Id(0)] CampaignId Campaign,
    [property: Id(1)] int LiveNow,
    [property: Id(2)] int Wanted,
    [property: Id(3)] TrunkLimits? Trunk);
