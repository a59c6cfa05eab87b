namespace VoicePlatform.Campaigns;

/// <summary>Which number of the campaign's pool presents each call.</summary>
[GenerateSerializer, Alias("vp.CallerIdRotation")]
public enum CallerIdRotation
{
    RoundRobin = 0,
    /// <summary>Every attempt to one lead from the same number.</summary>
    StickyPerLead = 1,
    /// <summary>A number with the lead's area code first, else one of its region, else round robin.</summary>
    LocalPresence = 2,
}
