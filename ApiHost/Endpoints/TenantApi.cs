using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

using VoicePlatform.ApiHost.Http;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>The caller's own tenant, as any of its keys sees it.</summary>
public static class TenantApi
{
    public static RouteGroupBuilder MapTenantApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenant").WithTags("Tenant").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantMember);
        api.MapGet("/", GetTenantAsync).WithSummary("Read the caller's tenant: name, status and settings");
        return api;
    }

    public static async Task<Results<Ok<TenantSnapshot>, NotFound>> GetTenantAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetTenant(user.GetTenantId()).GetAsync() is { } tenant ? TypedResults.Ok(tenant) : TypedResults.NotFound();
}
