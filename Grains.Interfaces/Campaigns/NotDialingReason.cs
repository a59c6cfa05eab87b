namespace VoicePlatform.Campaigns;

/// <summary>Why a campaign is not placing a call right now. JSON in kebab case (outside-every-window, …).</summary>
[GenerateSerializer, Alias("vp.NotDialingReason")]
public enum NotDialingReason
{
    /// <summary>Not running: draft, scheduled, paused, completed or cancelled (the status says which).</summary>
    NotRunning = 0,
    /// <summary>The campaign's windows are closed in its default zone and no lead is due.</summary>
    OutsideEveryWindow = 1,
    /// <summary>No waiting lead may lawfully be called now; the next one may at the given time.</summary>
    NoLeadCallableNow = 2,
    CampaignConcurrencyLimit = 3,
    TenantConcurrencyLimit = 4,
    TrunkConcurrencyLimit = 5,
    /// <summary>The campaign's dials per minute, or its trunk's calls per second.</summary>
    DialRateLimit = 6,
    AgentNotActive = 7,
    /// <summary>No number of the campaign's pool (or of its agent or brand) can present its calls.</summary>
    CallerIdPoolEmpty = 8,
    /// <summary>The wallet cannot reserve a call's first block.</summary>
    InsufficientFunds = 9,
    /// <summary>Every lead is dialed: the campaign waits for the live calls to end.</summary>
    WaitingForLiveCalls = 10,
    /// <summary>Its end time has passed.</summary>
    PastEndTime = 11,
    /// <summary>The agent's calls cannot be priced (no price for its model or voice): nothing is dialed that cannot be billed.</summary>
    PricingUnavailable = 12,
    /// <summary>It paused itself: too many answered calls found no agent in the room in time, even at a lower pace.</summary>
    AbandonRate = 13,
}
