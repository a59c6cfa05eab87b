using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Security;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>A tenant's outbound SIP trunks on LiveKit. Administrators write; administrators and supervisors read.</summary>
public static class SipTrunksApi
{
    private const string Resource = "SIP trunk";

    public static RouteGroupBuilder MapSipTrunksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sip-trunks").WithTags("SIP trunks").WithBodyLimit(RequestLimits.Medium).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", CreateSipTrunkAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Register a LiveKit outbound SIP trunk")
            .Produces<SipTrunkView>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/", ListSipTrunksAsync)
            .WithSummary("List this tenant's SIP trunks, ordered by id, a page at a time")
            .Produces<Page<SipTrunkSummary>>().ProducesValidationProblem();
        api.MapGet("/{trunkId}", GetSipTrunkAsync)
            .WithSummary("Read a SIP trunk; the ETag is its revision")
            .Produces<SipTrunkView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{trunkId}", UpdateSipTrunkAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Replace a SIP trunk's settings (send If-Match with its ETag to avoid overwriting a change)")
            .Produces<SipTrunkView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{trunkId}", DeleteSipTrunkAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Delete a SIP trunk that no number uses")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public static async Task<Results<Created<SipTrunkView>, Ok<SipTrunkView>, ValidationProblem, ProblemHttpResult>> CreateSipTrunkAsync([FromBody] SipTrunkRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        var errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<SipTrunkId>(http.Request, tenant, out var id, out var idErrors)) return TypedResults.ValidationProblem(idErrors);
        var result = await grains.GetSipTrunk(tenant, id).CreateAsync(settings);
        return result.ToHttp(http, t => t.Revision, Resource, t => $"/api/sip-trunks/{t.Id}");
    }

    public static async Task<Results<Ok<Page<SipTrunkSummary>>, ValidationProblem>> ListSipTrunksAsync(string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetTelephonyDirectory(user.GetTenantId()).ListTrunksAsync(after, pageSize));
    }

    public static async Task<Results<Ok<SipTrunkView>, ProblemHttpResult>> GetSipTrunkAsync(SipTrunkId trunkId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http) =>
        (await grains.GetSipTrunk(user.GetTenantId(), trunkId).GetAsync()).ToHttp(http, t => t.Revision, Resource);

    public static async Task<Results<Created<SipTrunkView>, Ok<SipTrunkView>, ValidationProblem, ProblemHttpResult>> UpdateSipTrunkAsync(
        SipTrunkId trunkId, [FromBody] SipTrunkRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        var errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetSipTrunk(user.GetTenantId(), trunkId).UpdateAsync(settings, Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, t => t.Revision, Resource);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSipTrunkAsync(SipTrunkId trunkId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        var result = await grains.GetSipTrunk(user.GetTenantId(), trunkId).DeleteAsync(Revisions.ExpectedRevision(http.Request));
        return result.Outcome == WriteOutcome.Ok ? TypedResults.NoContent() : WriteResults.Problem(result, Resource);
    }
}
