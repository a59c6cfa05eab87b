using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Audit;
using VoicePlatform.Common;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>A tenant admin reads who changed what in the tenant, newest first.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ListAsync).WithTags("Audit").RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Every change made to this tenant through the API and who made it (a person's email, an API key's id, or the operator), newest first, a page at a time");
        return app;
    }

    public static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> ListAsync(string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        long? before = null;
        if (after is not null)
        {
            if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0) before = sequence;
            else errors["after"] = ["Not a cursor from a previous page's 'next'."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetAuditLog(user.GetTenantId()).ListAsync(before, pageSize));
    }
}
