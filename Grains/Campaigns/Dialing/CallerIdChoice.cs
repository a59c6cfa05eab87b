using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>One number of a campaign's caller-id pool, as rotation needs it.</summary>
public sealed record CallerIdChoice(PhoneNumberId Id, string Number, string RegionCode, SipTrunkId? Trunk);
