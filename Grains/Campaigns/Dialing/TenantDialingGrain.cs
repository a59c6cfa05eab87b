using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// Orchestrates a tenant's <see cref="TenantDialBudget"/> on the host's clock (live calls and a carrier's calls per
/// second are real time); the tenant's cap is re-read every minute, so an edit applies within one.
/// </summary>
[GrainType("tenant-dialing")]
public sealed class TenantDialingGrain(TimeProvider clock) : Grain, ITenantDialingGrain
{
    private static readonly TimeSpan CapRefresh = TimeSpan.FromMinutes(1);
    private readonly TenantDialBudget _budget = new();
    private (int Cap, DateTimeOffset ReadAt)? _cap;

    public async Task<DialGrant> RequestDialsAsync(DialRequest request)
    {
        var now = clock.GetUtcNow();
        if (_cap is not { } known || now - known.ReadAt > CapRefresh)
        {
            var tenant = await GrainFactory.GetTenant(TenantId.Parse(this.GetPrimaryKeyString())).GetAsync();
            _cap = (tenant?.Settings.ConcurrencyLimit ?? TenantSettings.Default.ConcurrencyLimit, now);
        }
        return _budget.Request(request, _cap.Value.Cap, now);
    }

    public Task ReportLiveAsync(CampaignId campaign, int liveNow, SipTrunkId? trunk)
    {
        _budget.Report(campaign, liveNow, trunk, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
