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

    /// <summary>
    /// Reads and checks a lead list (national numbers in the campaign's default region), then adds its valid leads: the
    /// tenant's do-not-call list and the campaign's consent rule applied, each new lead queued at its next lawful time;
    /// numbers the campaign has are left as they are. BadReference naming the list when it cannot be read at all.
    /// </summary>
    Task<WriteResult<Leads.LeadImportReport>> ImportLeadsAsync(Leads.LeadImportSource source);

    /// <summary>One part of an import job's list, by the same rules; its report leaves out the leads by status.</summary>
    Task<WriteResult<Leads.LeadImportReport>> ImportLeadPartAsync(Leads.LeadImportSource source);

    /// <summary>The campaign's leads by status (an empty map for a campaign without leads).</summary>
    [ReadOnly]
    Task<IReadOnlyDictionary<Leads.LeadStatus, int>> CountLeadsAsync();

    /// <summary>The campaign's leads, optionally of one status, a page at a time; NotFound when the campaign does not exist.</summary>
    [ReadOnly]
    Task<WriteResult<Page<Leads.LeadRecord>>> ListLeadsAsync(Leads.LeadStatus? status, string? after, int limit);

    /// <summary>One lead with its attempts; NotFound when the campaign or the lead does not exist.</summary>
    [ReadOnly]
    Task<WriteResult<Leads.LeadRecord>> GetLeadAsync(Leads.LeadId lead);

    /// <summary>The campaign with where it stands now (leads by status, live calls, pace, why it is not dialing); null when there is no such campaign.</summary>
    [ReadOnly]
    Task<CampaignView?> DescribeAsync();

    /// <summary>How its leads narrow from imported to a positive outcome; NotFound when there is no such campaign.</summary>
    [ReadOnly]
    Task<WriteResult<CampaignFunnel>> GetFunnelAsync();

    /// <summary>The campaign's calls, newest first (the call log filtered to it); NotFound when there is no such campaign.</summary>
    [ReadOnly]
    Task<WriteResult<Page<Calls.CallRecord>>> ListCallsAsync(Calls.CallListQuery query);

    /// <summary>Draft → Scheduled (start ahead) or Running. Idempotent; Conflict from Paused (resume it) or a final state.</summary>
    Task<WriteResult<CampaignView>> StartAsync();

    /// <summary>Stops new dials; live calls finish. Idempotent.</summary>
    Task<WriteResult<CampaignView>> PauseAsync();

    /// <summary>A person resumes a paused campaign (whatever paused it). Idempotent.</summary>
    Task<WriteResult<CampaignView>> ResumeAsync();

    /// <summary>Stops dialing for good; with <paramref name="hangUpLiveCalls"/> its live calls are hung up too. Idempotent.</summary>
    Task<WriteResult<CampaignView>> CancelAsync(bool hangUpLiveCalls);

    /// <summary>A lead's attempt is over: frees its slot at once and may dial the next lead.</summary>
    [OneWay]
    Task OnAttemptEndedAsync(AttemptEnded ended);

    /// <summary>
    /// The settings its leads decide retries by, the tenant's own calling rules joined to the campaign's; interleaves,
    /// so a lead can ask while the campaign waits on it.
    /// </summary>
    [AlwaysInterleave]
    Task<CampaignSettings?> GetSettingsAsync();

    /// <summary>The tenant's calling rules changed: the next dial reads them afresh. Interleaves (it only forgets what it held).</summary>
    [AlwaysInterleave]
    Task TenantCallingRulesChangedAsync();
}

/// <summary>The typed ways to a tenant's campaigns.</summary>
public static class GrainFactoryCampaignExtensions
{
    public static ICampaignGrain GetCampaign(this IGrainFactory grains, TenantId tenant, CampaignId campaign) =>
        grains.GetGrain<ICampaignGrain>(TenantScopedKey.Format(tenant, campaign));

    public static ICampaignDirectoryGrain GetCampaignDirectory(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ICampaignDirectoryGrain>(tenant.Value);
}
