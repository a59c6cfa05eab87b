namespace VoicePlatform.Leads;

/// <summary>What became of a dial order.</summary>
[GenerateSerializer, Alias("vp.LeadDialVerdict")]
public enum LeadDialVerdict
{
    /// <summary>The call exists (placed now, or by an earlier attempt at the same claim).</summary>
    Placed = 0,
    /// <summary>The number went onto the do-not-call list after import; the lead is finished as do-not-call.</summary>
    DoNotCall = 1,
    /// <summary>The call could not be placed (agent not active, caller id refused…); the lead waits again, the attempt not counted.</summary>
    Refused = 2,
    /// <summary>The wallet could not pay for the first block: nothing rang; the lead waits again.</summary>
    InsufficientFunds = 3,
    /// <summary>The order did not match the lead's row (already dialed, final, or another claim): nothing was done.</summary>
    Stale = 4,
    /// <summary>The number's frequency cap across the tenant's campaigns is reached: the lead waits until the cap allows, the attempt not counted.</summary>
    Deferred = 5,
}
