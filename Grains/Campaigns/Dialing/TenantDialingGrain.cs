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
    /// <summary>An inbound call not heard of for this long (no watchdog tick, no release) is forgotten.</summary>
    private static readonly TimeSpan InboundForgetAfter = TimeSpan.FromMinutes(2);
    private readonly TenantDialBudget _budget = new();
    private readonly Dictionary<VoicePlatform.Calls.CallId, DateTimeOffset> _inbound = [];
    private (TenantSettings Settings, DateTimeOffset ReadAt)? _settings;

    public async Task<DialGrant> RequestDialsAsync(DialRequest request)
    {
        var now = clock.GetUtcNow();
        var settings = await SettingsAsync(now);
        return _budget.Request(request, InboundCapacity.OutboundCap(settings.ConcurrencyLimit, settings.InboundReservedCalls, InboundLive(now)), now);
    }

    public async Task<bool> AdmitInboundAsync(VoicePlatform.Calls.CallId call)
    {
        var now = clock.GetUtcNow();
        if (_inbound.ContainsKey(call))
        {
            _inbound[call] = now;
            return true;
        }
        var settings = await SettingsAsync(now);
        if (!InboundCapacity.Admits(InboundLive(now), _budget.LiveCalls, settings.ConcurrencyLimit, settings.InboundConcurrencyLimit)) return false;
        _inbound[call] = now;
        return true;
    }

    public Task KeepInboundAsync(VoicePlatform.Calls.CallId call)
    {
        _inbound[call] = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task ReleaseInboundAsync(VoicePlatform.Calls.CallId call)
    {
        _inbound.Remove(call);
        return Task.CompletedTask;
    }

    private int InboundLive(DateTimeOffset now)
    {
        foreach (var (call, seen) in _inbound.ToList())
            if (now - seen > InboundForgetAfter) _inbound.Remove(call);
        return _inbound.Count;
    }

    private async Task<TenantSettings> SettingsAsync(DateTimeOffset now)
    {
        if (_settings is not { } known || now - known.ReadAt > CapRefresh)
        {
            var tenant = await GrainFactory.GetTenant(TenantId.Parse(this.GetPrimaryKeyString())).GetAsync();
            _settings = (tenant?.Settings ?? TenantSettings.Default, now);
        }
        return _settings.Value.Settings;
    }

    public Task ReportLiveAsync(CampaignId campaign, int liveNow, SipTrunkId? trunk)
    {
        _budget.Report(campaign, liveNow, trunk, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}
