using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.Leads;

/// <summary>
/// The campaign's order to dial one lead it has just claimed from the dial queue (the claim is the durable conditional
/// write only one dialer wins): the claimed row, the settings in force, and the number to present.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadDialOrder")]
public sealed record LeadDialOrder
{
    [Id(0)] public required LeadRecord Claimed { get; init; }
    [Id(1)] public required CampaignSettings Settings { get; init; }
    [Id(2)] public PhoneNumberId? FromNumberId { get; init; }
}
