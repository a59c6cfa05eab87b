using Microsoft.AspNetCore.Authorization;
using VoicePlatform.ApiKeys;

namespace VoicePlatform.Silo.Security;

/// <summary>Authorization policies by who may call: the operator, or a tenant's key with a given role.</summary>
public static class PlatformPolicies
{
    public const string Operator = "operator";
    public const string TenantAdmin = "tenant-admin";
    public const string TenantSupervisor = "tenant-supervisor";
    public const string TenantMember = "tenant-member";
    /// <summary>An agent worker: an agent-worker key (any call of its tenant) or a per-call credential (that call only).</summary>
    public const string AgentWorker = "agent-worker";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Operator, p => p.RequireAuthenticatedUser().RequireRole(ApiKeyRoles.Operator));
        options.AddPolicy(TenantAdmin, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim).RequireRole(ApiKeyRoles.TenantAdmin));
        options.AddPolicy(TenantSupervisor, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim).RequireRole(ApiKeyRoles.TenantAdmin, ApiKeyRoles.Supervisor));
        options.AddPolicy(TenantMember, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim)
            .RequireRole(ApiKeyRoles.TenantAdmin, ApiKeyRoles.Supervisor, ApiKeyRoles.AgentWorker));
        options.AddPolicy(AgentWorker, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim)
            .RequireRole(ApiKeyRoles.AgentWorker, PlatformClaims.CallWorkerRole));
    }
}
