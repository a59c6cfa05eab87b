namespace VoicePlatform.Leads;

/// <summary>Where a lead is in its campaign. Completed, Exhausted, DoNotCall, NoConsent and Invalid are final.</summary>
[GenerateSerializer, Alias("vp.LeadStatus")]
public enum LeadStatus
{
    /// <summary>Imported, not yet placed in the dial queue (its next lawful time not computed yet).</summary>
    Pending = 0,
    /// <summary>In the queue for its first attempt at its next lawful time.</summary>
    Scheduled = 1,
    Dialing = 2,
    InCall = 3,
    Completed = 4,
    /// <summary>In the queue again, at its retry time moved into its next lawful moment.</summary>
    RetryScheduled = 5,
    Exhausted = 6,
    DoNotCall = 7,
    NoConsent = 8,
    /// <summary>Can never be dialed (for example no time zone can be determined).</summary>
    Invalid = 9,
}
