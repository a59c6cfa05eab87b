using Orleans.Concurrency;
using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// One per tenant (keyed by the tenant id): shares the tenant's concurrency cap and its trunks' limits among its
/// running campaigns. Memory only — every request carries the campaign's live calls, so a new activation is right
/// again after one round of requests.
/// </summary>
[Alias("vp.ITenantDialingGrain")]
public interface ITenantDialingGrain : IGrainWithStringKey
{
    Task<DialGrant> RequestDialsAsync(DialRequest request);

    /// <summary>A campaign's live calls when it has nothing to dial (a call ended, it paused): its slots go to the others.</summary>
    [OneWay]
    Task ReportLiveAsync(CampaignId campaign, int liveNow, SipTrunkId? trunk);
}
