using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Campaigns;

/// <summary>A tenant's campaigns, for listing. Keyed by tenant id.</summary>
[Alias("vp.ICampaignDirectoryGrain")]
public interface ICampaignDirectoryGrain : IGrainWithStringKey
{
    Task UpsertAsync(CampaignEntry entry);

    Task RemoveAsync(CampaignId campaign);

    [ReadOnly]
    Task<Page<CampaignEntry>> ListAsync(CampaignStatus? status, string? after, int limit);

    /// <summary>The campaigns not yet finished (neither completed nor cancelled) that dial through <paramref name="trunk"/>.</summary>
    /// <summary>Tells every campaign not yet finished that the tenant's calling rules changed, so none dials under the old ones.</summary>
    [ReadOnly]
    Task TenantCallingRulesChangedAsync();

    [ReadOnly]
    Task<IReadOnlyList<CampaignId>> UsingTrunkAsync(VoicePlatform.Telephony.SipTrunkId trunk);
}
