namespace VoicePlatform.Telephony;

[GenerateSerializer, Alias("vp.PhoneNumberStatus")]
public enum PhoneNumberStatus
{
    Active = 0,
    /// <summary>Temporarily not presented as a caller id (for example while a carrier flags it).</summary>
    Suspended = 1,
    /// <summary>Given back to the carrier; kept for history and never presented again.</summary>
    Released = 2,
}
