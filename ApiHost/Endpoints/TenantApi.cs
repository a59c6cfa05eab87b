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
        api.MapPatch("/settings", UpdateOwnSettingsAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Change the tenant's default time zone, the wallet's low-balance threshold or the tenant's own calling rules (a tenant admin's own settings)")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<TenantSnapshot>, ValidationProblem, NotFound>> UpdateOwnSettingsAsync(
        [Microsoft.AspNetCore.Mvc.FromBody] Contracts.TenantOwnSettingsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = grains.GetTenant(user.GetTenantId());
        if (await tenant.GetAsync() is not { } current) return TypedResults.NotFound();
        var errors = request.Validate(current.Settings, out var command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await tenant.UpdateAsync(command)).Tenant is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<TenantSnapshot>, NotFound>> GetTenantAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetTenant(user.GetTenantId()).GetAsync() is { } tenant ? TypedResults.Ok(tenant) : TypedResults.NotFound();
}
