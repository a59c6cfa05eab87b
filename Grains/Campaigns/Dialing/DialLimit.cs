namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>What held a campaign's dials back in the tenant's budget.</summary>
public enum DialLimit
{
    None,
    TenantConcurrency,
    TrunkConcurrency,
    TrunkCallsPerSecond,
}
