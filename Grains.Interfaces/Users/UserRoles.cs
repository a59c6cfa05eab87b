using VoicePlatform.ApiKeys;

namespace VoicePlatform.Users;

/// <summary>A user's role as the claim the platform's policies read: the same names API keys carry.</summary>
public static class UserRoles
{
    public static string ToClaim(this UserRole role) => role switch
    {
        UserRole.TenantAdmin => ApiKeyRoles.TenantAdmin,
        UserRole.Supervisor => ApiKeyRoles.Supervisor,
        UserRole.Operator => ApiKeyRoles.Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
