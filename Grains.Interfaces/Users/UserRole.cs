namespace VoicePlatform.Users;

/// <summary>What a signed-in person may do. JSON names are kebab-case: tenant-admin, supervisor, operator.</summary>
[GenerateSerializer, Alias("vp.UserRole")]
public enum UserRole
{
    /// <summary>Everything in the tenant, including its users and keys.</summary>
    TenantAdmin = 0,
    /// <summary>Watch, listen to and coach live calls; read the tenant's campaigns and calls.</summary>
    Supervisor = 1,
    /// <summary>The platform's operator: tenants, price books and top-ups; belongs to no tenant.</summary>
    Operator = 2,
}
