using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Calls;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>Usage reports: connected minutes and settled money of the tenant's calls, grouped.</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/usage", GetUsageAsync).WithTags("Usage").RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("Minutes and money of this tenant's calls grouped by day (in the tenant's time zone), agent, campaign or brand, over an optional placed-time window")
            .Produces<IReadOnlyList<UsageGroup>>().ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<UsageGroup>>, ValidationProblem>> GetUsageAsync([AsParameters] UsageRequestQuery query, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = query.Validate(out var usage);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCallLog(user.GetTenantId()).UsageAsync(usage));
    }
}
