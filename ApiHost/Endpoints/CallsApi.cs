using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>Outbound calls: administrators place and hang up; supervisors read.</summary>
public static class CallsApi
{
    private const string Resource = "call";

    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls").WithTags("Calls").WithBodyLimit(RequestLimits.Medium).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", PlaceCallAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Place an outbound call; answers 202 at once while it dials (Idempotency-Key: a retry answers the same call and never dials twice)")
            .Produces<CallView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListCallsAsync)
            .WithSummary("List this tenant's calls, newest first, filtered by status, agentId, campaignId and placed time from/to, a page at a time")
            .Produces<Page<CallRecord>>().ProducesValidationProblem();
        api.MapGet("/{callId}", GetCallAsync)
            .WithSummary("Read a call: status, end reason, SIP status and when each step happened")
            .Produces<CallView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{callId}/hangup", HangUpCallAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("Hang up (a supervisor or tenant admin; recorded in the call's supervision audit): cancelled before an answer, completed after; an ended call is answered as it is")
            .Produces<CallView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{callId}/transcript", GetTranscriptAsync)
            .WithSummary("Read a call's transcript: the agent's and the callee's segments in order of their start")
            .Produces<IReadOnlyList<TranscriptSegment>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{callId}/cost", GetCostAsync)
            .WithSummary("Read what a call costs: each component with quantity, rate and amount, the price-book version, the total, and how the wallet was charged")
            .Produces<CallCostView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{callId}/events", GetEventsAsync)
            .WithSummary("Read a call's history: status changes, the LiveKit webhooks that caused them, and the agent worker's reports")
            .Produces<IReadOnlyList<CallEvent>>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Page<CallRecord>>, ValidationProblem>> ListCallsAsync([AsParameters] CallListRequestQuery query, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCallLog(user.GetTenantId()).ListAsync(filter));
    }

    public static async Task<Results<Ok<IReadOnlyList<TranscriptSegment>>, ProblemHttpResult>> GetTranscriptAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).GetTranscriptAsync()).OkOrNotFound(Resource);

    public static async Task<Results<Ok<CallCostView>, ProblemHttpResult>> GetCostAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).GetCostAsync()).OkOrNotFound(Resource);

    public static async Task<Results<Ok<IReadOnlyList<CallEvent>>, ProblemHttpResult>> GetEventsAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).GetEventsAsync()).OkOrNotFound(Resource);

    public static async Task<Results<Accepted<CallView>, ValidationProblem, ProblemHttpResult>> PlaceCallAsync([FromBody] PlaceCallRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<CallId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var call);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(tenant, id).PlaceAsync(call);
        return result.Outcome switch
        {
            WriteOutcome.Created or WriteOutcome.Ok => TypedResults.Accepted($"/api/calls/{result.Value!.Id}", result.Value),
            WriteOutcome.InvalidReference => WriteResults.InvalidReference(result),
            _ => WriteResults.Problem(result, Resource),
        };
    }

    public static async Task<Results<Ok<CallView>, ProblemHttpResult>> GetCallAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).GetAsync()).OkOrNotFound(Resource);

    public static async Task<Results<Ok<CallView>, ProblemHttpResult>> HangUpCallAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).HangUpByAsync(CallSupervisionApi.Actor(user))).OkOrNotFound(Resource);
}
