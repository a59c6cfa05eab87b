using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Inbound;
using VoicePlatform.Security;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// Callers the tenant's numbers refuse: administrators add and remove, supervisors read. A listed caller is turned away
/// unanswered (busy) on every number of the tenant, and the call is recorded as rejected.
/// </summary>
public static class CallerBlocklistApi
{
    private const string Resource = "Blocked caller";

    public static RouteGroupBuilder MapCallerBlocklistApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/caller-blocklist").WithTags("Inbound").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", AddAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Refuse a caller on every number (201); a caller already listed keeps its entry (200)")
            .Produces<BlockedCaller>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListAsync)
            .WithSummary("List the blocked callers, ordered by number, a page at a time").Produces<Page<BlockedCaller>>().ProducesValidationProblem();
        api.MapDelete("/{number}", RemoveAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Answer a caller again (international form, '+' encoded as %2B)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<BlockedCaller>, Ok<BlockedCaller>, ValidationProblem, ProblemHttpResult>> AddAsync(
        [FromBody] BlockedCallerRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, HttpContext http)
    {
        var errors = request.Validate(user.GetActor(), time.GetUtcNow(), out var caller);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCallerBlocklist(user.GetTenantId()).AddAsync(caller);
        return result.Outcome switch
        {
            WriteOutcome.Created => TypedResults.Created($"/api/caller-blocklist/{Uri.EscapeDataString(caller.Number)}", result.Value),
            WriteOutcome.Ok => TypedResults.Ok(result.Value),
            _ => WriteResults.Problem(result, Resource),
        };
    }

    public static async Task<Results<Ok<Page<BlockedCaller>>, ValidationProblem>> ListAsync(string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCallerBlocklist(user.GetTenantId()).ListAsync(after, pageSize));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveAsync(string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PhoneNumberParser.TryParse(number, out var e164, out var why))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["number"] = [why] });
        var result = await grains.GetCallerBlocklist(user.GetTenantId()).RemoveAsync(e164.Value);
        return result.Outcome == WriteOutcome.Ok
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not listed", detail: "This caller is not on the tenant's blocklist.");
    }
}
