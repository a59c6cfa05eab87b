using Orleans.Concurrency;
using VoicePlatform.Campaigns;
using VoicePlatform.Tenants;

namespace VoicePlatform.Leads;

/// <summary>
/// One lead of a campaign, keyed <see cref="LeadKey"/>: the single flight of its dialing and the fate of its attempts.
/// Its state is its row in the lead table; it activates only while its lead is dialed or reconciled.
/// </summary>
[Alias("vp.ILeadGrain")]
public interface ILeadGrain : IGrainWithStringKey
{
    /// <summary>Dials the claimed attempt; repeating the same order never dials twice (the call id is the claim's).</summary>
    Task<LeadDialResult> DialAsync(LeadDialOrder order);

    /// <summary>The attempt's call ended: disposition, then retry or finish, exactly once per call; repeats change nothing.</summary>
    [OneWay]
    Task OnCallEndedAsync(LeadCallEnded ended);

    /// <summary>
    /// After a restart or a lost report: finds out what became of the lead's claimed attempt (its call, else its
    /// LiveKit room) and applies it, never ringing the number blindly. The lead's status afterwards.
    /// </summary>
    Task<LeadStatus?> ReconcileAsync(CampaignSettings settings);
}

public static class GrainFactoryLeadExtensions
{
    public static ILeadGrain GetLead(this IGrainFactory grains, TenantId tenant, CampaignId campaign, LeadId lead) =>
        grains.GetGrain<ILeadGrain>(LeadKey.Format(tenant, campaign, lead));
}
