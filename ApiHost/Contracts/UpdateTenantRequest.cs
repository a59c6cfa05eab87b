using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record UpdateTenantRequest(string? Name, TenantSettingsRequest? Settings)
{
    /// <summary>Checks what can be checked without the current settings; the grain checks the merged result again.</summary>
    public Dictionary<string, string[]> Validate(out UpdateTenant command)
    {
        var errors = new Dictionary<string, string[]>();
        if (Name is not null) TenantRules.ValidateName(Name, "name", errors);
        if (Settings is not null)
        {
            // Validate each given member against defaults for the others, so an error names the field sent.
            var probe = Settings.ToPatch().ApplyTo(TenantSettings.Default);
            TenantRules.Validate(probe, "settings.", errors);
        }
        if (Name is null && Settings is null) errors["body"] = ["Nothing to change: send name and/or settings."];
        command = new UpdateTenant { Name = Name?.Trim(), Settings = Settings?.ToPatch() };
        return errors;
    }
}
