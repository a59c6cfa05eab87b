using VoicePlatform.Campaigns;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// The tenant's own calling rules bind every campaign besides the campaign's own. The campaign holds them while it
/// dials and reads them afresh when the tenant says they changed, and at each reminder in case that word was lost.
/// </summary>
public sealed partial class CampaignGrain
{
    private IReadOnlyList<CallingRule>? _tenantRules;

    public async Task<CampaignSettings?> GetSettingsAsync() => Exists ? await CallingSettingsAsync() : null;

    public Task TenantCallingRulesChangedAsync()
    {
        _tenantRules = null;
        return Task.CompletedTask;
    }

    /// <summary>The campaign's settings as every calling decision reads them: the tenant's rules, then the campaign's own.</summary>
    private async Task<CampaignSettings> CallingSettingsAsync()
    {
        var tenantRules = _tenantRules ??= (await GrainFactory.GetTenant(Key.Tenant).GetAsync())?.Settings.CallingRules ?? [];
        var settings = state.State.Settings!;
        return tenantRules.Count == 0 ? settings : settings with { CallingRules = [.. tenantRules, .. settings.CallingRules] };
    }
}
