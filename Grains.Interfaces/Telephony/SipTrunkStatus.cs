namespace VoicePlatform.Telephony;

[GenerateSerializer, Alias("vp.SipTrunkStatus")]
public enum SipTrunkStatus
{
    Active = 0,
    /// <summary>Kept, but no call may be placed through it.</summary>
    Disabled = 1,
}
