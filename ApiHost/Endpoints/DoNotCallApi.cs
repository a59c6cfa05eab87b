using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;
using VoicePlatform.Security;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// The tenant's do-not-call list: administrators add, import and remove; supervisors read and check. Campaigns apply it
/// at import and before every dial; a call's do-not-call outcome adds to it by itself.
/// </summary>
public static class DoNotCallApi
{
    public static RouteGroupBuilder MapDoNotCallApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/do-not-call").WithTags("Do not call").WithBodyLimit(RequestLimits.Lists).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", AddAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Put a number on the list (201); a number already listed keeps its entry (200)")
            .Produces<DoNotCallEntry>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapPost("/import", ImportAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary($"Import up to {DoNotCallImportRequest.MaxNumbers} numbers at once: all valid, or nothing changes (400 names each bad entry)")
            .Produces<DoNotCallImported>().ProducesValidationProblem();
        api.MapGet("/", ListAsync)
            .WithSummary("List the numbers, ordered by number, a page at a time").Produces<Page<DoNotCallEntry>>().ProducesValidationProblem();
        api.MapGet("/{number}", CheckAsync)
            .WithSummary("Check one number (international form, '+' encoded as %2B): 200 with its entry when listed, 404 when not")
            .Produces<DoNotCallEntry>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{number}", RemoveAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Take a number off the list").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<DoNotCallEntry>, Ok<DoNotCallEntry>, ValidationProblem>> AddAsync(
        [FromBody] DoNotCallRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var errors = request.Validate("", user.GetActor(), time.GetUtcNow(), DoNotCallSource.Api, out var entry);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetDoNotCallList(user.GetTenantId()).AddAsync(entry);
        return result.Added
            ? TypedResults.Created($"/api/do-not-call/{Uri.EscapeDataString(result.Entry.Number)}", result.Entry)
            : TypedResults.Ok(result.Entry);
    }

    public static async Task<Results<Ok<DoNotCallImported>, ValidationProblem>> ImportAsync(
        [FromBody] DoNotCallImportRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var errors = request.Validate(user.GetActor(), time.GetUtcNow(), out var entries);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var added = await grains.GetDoNotCallList(user.GetTenantId()).AddManyAsync(entries);
        return TypedResults.Ok(new DoNotCallImported(entries.Count, added));
    }

    public static async Task<Results<Ok<Page<DoNotCallEntry>>, ValidationProblem>> ListAsync(string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetDoNotCallList(user.GetTenantId()).ListAsync(after, pageSize));
    }

    public static async Task<Results<Ok<DoNotCallEntry>, ValidationProblem, ProblemHttpResult>> CheckAsync(string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PhoneNumberParser.TryParse(number, out var e164, out var why)) return Invalid(why);
        return await grains.GetDoNotCallList(user.GetTenantId()).FindAsync(e164.Value) is { } entry ? TypedResults.Ok(entry) : NotListed();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveAsync(string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!PhoneNumberParser.TryParse(number, out var e164, out var why)) return Invalid(why);
        return await grains.GetDoNotCallList(user.GetTenantId()).RemoveAsync(e164.Value) ? TypedResults.NoContent() : NotListed();
    }

    private static ValidationProblem Invalid(string why) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["number"] = [why] });

    private static ProblemHttpResult NotListed() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not listed", detail: "This number is not on the tenant's do-not-call list.");
}
