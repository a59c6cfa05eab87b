using Microsoft.AspNetCore.Authorization;
using VoicePlatform.ApiKeys;
using VoicePlatform.Security;

namespace VoicePlatform.Silo.Security;

/// <summary>What each of <see cref="PlatformPolicies"/> requires of the caller's claims (set by <see cref="PlatformAuthenticationHandler"/>).</summary>
public static class PlatformAuthorization
{
    public static void AddPlatformPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(PlatformPolicies.Operator, p => p.RequireAuthenticatedUser().RequireRole(ApiKeyRoles.Operator));
        options.AddPolicy(PlatformPolicies.TenantAdmin, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim).RequireRole(ApiKeyRoles.TenantAdmin));
        options.AddPolicy(PlatformPolicies.TenantSupervisor, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim).RequireRole(ApiKeyRoles.TenantAdmin, ApiKeyRoles.Supervisor));
        options.AddPolicy(PlatformPolicies.TenantMember, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim)
            .RequireRole(ApiKeyRoles.TenantAdmin, ApiKeyRoles.Supervisor, ApiKeyRoles.AgentWorker));
        options.AddPolicy(PlatformPolicies.LiveHub, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim)
            .RequireClaim(PlatformClaims.LiveHubClaim).RequireRole(ApiKeyRoles.TenantAdmin, ApiKeyRoles.Supervisor));
        options.AddPolicy(PlatformPolicies.ConsoleUser, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.UserIdClaim).RequireClaim(PlatformClaims.SessionIdClaim));
        options.AddPolicy(PlatformPolicies.AgentWorker, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.TenantIdClaim)
            .RequireRole(ApiKeyRoles.AgentWorker, PlatformClaims.CallWorkerRole));
    }
}
