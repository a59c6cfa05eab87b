namespace VoicePlatform.Telephony;

[GenerateSerializer, Alias("vp.CallerIdOutcome")]
public enum CallerIdOutcome
{
    Resolved = 0,
    /// <summary>No active number of this tenant is assigned to what the call asked for; the call must not be placed.</summary>
    NoCallerId = 1,
}
