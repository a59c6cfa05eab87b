namespace VoicePlatform.Telephony;

/// <summary>Which way calls go through a trunk: out to the carrier (campaigns, API calls) or in from it (a number's callers). JSON: outbound, inbound.</summary>
[GenerateSerializer, Alias("vp.SipTrunkDirection")]
public enum SipTrunkDirection
{
    Outbound = 0,
    Inbound = 1,
}
