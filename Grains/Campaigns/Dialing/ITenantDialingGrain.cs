using Orleans.Concurrency;
using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// One per tenant (keyed by the tenant id): shares the tenant's concurrency cap and its trunks' limits among its
/// running campaigns, and admits inbound calls within their own cap and the slots reserved for them. Memory only — every request carries the campaign's live calls, so a new activation is right
/// again after one round of requests.
/// </summary>
[Alias("vp.ITenantDialingGrain")]
public interface ITenantDialingGrain : IGrainWithStringKey
{
    Task<DialGrant> RequestDialsAsync(DialRequest request);

    /// <summary>A campaign's live calls when it has nothing to dial (a call ended, it paused): its slots go to the others.</summary>
    [OneWay]
    Task ReportLiveAsync(CampaignId campaign, int liveNow, SipTrunkId? trunk);

    /// <summary>Whether an inbound call may be answered now; a call already admitted is admitted again.</summary>
    Task<bool> AdmitInboundAsync(VoicePlatform.Calls.CallId call);

    /// <summary>A live inbound call says it is still live (its watchdog), so a new activation counts it again.</summary>
    [OneWay]
    Task KeepInboundAsync(VoicePlatform.Calls.CallId call);

    [OneWay]
    Task ReleaseInboundAsync(VoicePlatform.Calls.CallId call);
}
