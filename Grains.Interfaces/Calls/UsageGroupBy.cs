namespace VoicePlatform.Calls;

/// <summary>How usage is grouped. JSON and query: day, agent, campaign, brand.</summary>
[GenerateSerializer, Alias("vp.UsageGroupBy")]
public enum UsageGroupBy
{
    /// <summary>Calendar days in the tenant's time zone, by when the call was placed.</summary>
    Day = 0,
    Agent = 1,
    /// <summary>Calls outside any campaign form one group with a null key.</summary>
    Campaign = 2,
    Brand = 3,
}
