using Orleans.Concurrency;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Campaigns;

/// <summary>One calling campaign of a tenant. Keyed by tenant/campaign (<see cref="TenantScopedKey"/>).</summary>
[Alias("vp.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates the campaign in Draft; its agent, numbers and trunk must be the tenant's own. A repeat answers the same campaign.</summary>
    Task<WriteResult<CampaignView>> CreateAsync(CampaignSettings settings);

    [ReadOnly]
    Task<CampaignView?> GetAsync();

    /// <summary>Replaces the settings in Draft or Paused (Conflict otherwise); an edit applies to the next dial.</summary>
    Task<WriteResult<CampaignView>> UpdateAsync(CampaignSettings settings, int? expectedRevision);

    /// <summary>Deletes a campaign that is not running or waiting to run.</summary>
    Task<WriteResult<CampaignView>> DeleteAsync(int? expectedRevision);
}

/// <summary>The typed ways to a tenant's campaigns.</summary>
public static class GrainFactoryCampaignExtensions
{
    public static ICampaignGrain GetCampaign(this IGrainFactory grains, TenantId tenant, CampaignId campaign) =>
        grains.GetGrain<ICampaignGrain>(TenantScopedKey.Format(tenant, campaign));

    public static ICampaignDirectoryGrain GetCampaignDirectory(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ICampaignDirectoryGrain>(tenant.Value);
}
