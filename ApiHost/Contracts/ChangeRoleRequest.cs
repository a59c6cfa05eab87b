using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record ChangeRoleRequest(UserRole? Role)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Role is null) errors["role"] = ["A role is required: tenant-admin or supervisor."];
        return errors;
    }
}
