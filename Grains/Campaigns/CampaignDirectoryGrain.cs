using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>A tenant's list of campaigns (a few hundred at most), written only when a campaign is created, edited, moves or goes.</summary>
[GrainType("campaign-directory")]
public sealed class CampaignDirectoryGrain(
    [PersistentState("campaign-directory", StorageNames.Platform)] IPersistentState<CampaignDirectoryState> state) : Grain, ICampaignDirectoryGrain
{
    public async Task UpsertAsync(CampaignEntry entry)
    {
        if (state.State.Campaigns.TryGetValue(entry.Id.Value, out var current) && current == entry) return;
        var next = new Dictionary<string, CampaignEntry>(state.State.Campaigns, StringComparer.Ordinal) { [entry.Id.Value] = entry };
        await state.WriteOrRevertAsync(state.State with { Campaigns = next });
    }

    public async Task RemoveAsync(CampaignId campaign)
    {
        if (!state.State.Campaigns.ContainsKey(campaign.Value)) return;
        var next = new Dictionary<string, CampaignEntry>(state.State.Campaigns, StringComparer.Ordinal);
        next.Remove(campaign.Value);
        await state.WriteOrRevertAsync(state.State with { Campaigns = next });
    }

    public async Task TenantCallingRulesChangedAsync()
    {
        var tenant = VoicePlatform.Tenants.TenantId.Parse(this.GetPrimaryKeyString());
        await Task.WhenAll(state.State.Campaigns.Values
            .Where(c => c.Status is not (CampaignStatus.Completed or CampaignStatus.Cancelled))
            .Select(c => GrainFactory.GetCampaign(tenant, c.Id).TenantCallingRulesChangedAsync()));
    }

    public Task<IReadOnlyList<CampaignId>> UsingTrunkAsync(VoicePlatform.Telephony.SipTrunkId trunk) =>
        Task.FromResult<IReadOnlyList<CampaignId>>(state.State.Campaigns.Values
            .Where(c => c.TrunkId == trunk && c.Status is not (CampaignStatus.Completed or CampaignStatus.Cancelled))
            .Select(c => c.Id).OrderBy(c => c.Value, StringComparer.Ordinal).ToList());

    public Task<Page<CampaignEntry>> ListAsync(CampaignStatus? status, string? after, int limit) =>
        Task.FromResult(Paging.Take(state.State.Campaigns.Values.Where(c => status is null || c.Status == status), c => c.Id.Value, after, limit));
}
