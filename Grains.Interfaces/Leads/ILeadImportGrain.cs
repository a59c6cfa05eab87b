using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Leads;

/// <summary>
/// A background import of a large lead list into one campaign, keyed by tenant/import (<see cref="TenantScopedKey"/>).
/// The list arrives in parts, each kept durably before it is acknowledged; sealing queues the job, which then reads
/// part after part through the campaign's own import rules (a reminder resumes it after a lost silo), reporting its
/// progress as it goes. Every step is safe to repeat.
/// </summary>
[Alias("vp.ILeadImportGrain")]
public interface ILeadImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps one part. The first part opens the job: NotFound when the campaign does not exist, Conflict when it takes
    /// no more leads, BadReference naming the list when its header cannot be read. A job already sealed answers itself
    /// unchanged, so a retried upload does not import twice.
    /// </summary>
    Task<WriteResult<LeadImportJob>> AppendAsync(CampaignId campaign, LeadUploadPart part);

    /// <summary>Every part has arrived: the job is queued and starts reading. BadReference when parts are missing.</summary>
    Task<WriteResult<LeadImportJob>> SealAsync(CampaignId campaign, int parts);

    /// <summary>The job, or NotFound when there is none of this campaign.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<WriteResult<LeadImportJob>> GetAsync(CampaignId campaign);
}

/// <summary>The typed way to a tenant's import jobs.</summary>
public static class GrainFactoryLeadImportExtensions
{
    public static ILeadImportGrain GetLeadImport(this IGrainFactory grains, TenantId tenant, LeadImportId import) =>
        grains.GetGrain<ILeadImportGrain>(TenantScopedKey.Format(tenant, import));
}
