using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>A SIP trunk's channel and calls-per-second limits, shared by every campaign of the tenant that dials through it.</summary>
[GenerateSerializer, Immutable, Alias("vp.TrunkLimits")]
public sealed record TrunkLimits(
    [property: Id(0)] SipTrunkId Trunk,
    [property: Id(1)] int MaxConcurrentCalls,
    [property: Id(2)] double CallsPerSecond);
