using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record CreateTenantRequest(string? Name, TenantSettingsRequest? Settings)
{
    public Dictionary<string, string[]> Validate(out CreateTenant command)
    {
        var errors = new Dictionary<string, string[]>();
        TenantRules.ValidateName(Name, "name", errors);
        var settings = (Settings?.ToPatch() ?? new TenantSettingsPatch()).ApplyTo(TenantSettings.Default);
        TenantRules.Validate(settings, "settings.", errors);
        command = new CreateTenant { Name = Name?.Trim() ?? "", Settings = settings };
        return errors;
    }
}
