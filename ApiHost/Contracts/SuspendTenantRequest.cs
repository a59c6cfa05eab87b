using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record SuspendTenantRequest(string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Reason)) errors["reason"] = ["A reason is required; it is shown to the tenant's administrators."];
        else if (Reason.Length > TenantRules.MaxSuspendReasonLength) errors["reason"] = [$"At most {TenantRules.MaxSuspendReasonLength} characters."];
        return errors;
    }
}
