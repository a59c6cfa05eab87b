using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Silo.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>Outbound calls: administrators place and hang up; supervisors read.</summary>
public static class CallsApi
{
    private const string Resource = "call";

    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", PlaceCallAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Place an outbound call; answers 202 at once while it dials (Idempotency-Key: a retry answers the same call and never dials twice)")
            .Produces<CallView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListCallsAsync)
            .WithSummary("List this tenant's calls, newest first, filtered by status, agentId, campaignId and placed time from/to, a page at a time")
            .Produces<Page<CallRecord>>().ProducesValidationProblem();
        api.MapGet("/{callId}", GetCallAsync)
            .WithSummary("Read a call: status, end reason, SIP status and when each step happened")
            .Produces<CallView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{callId}/hangup", HangUpCallAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Hang up: cancelled before an answer, completed after; an ended call is answered as it is")
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

    public static async Task<IResult> ListCallsAsync([AsParameters] CallListRequestQuery query, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCallLog(user.GetTenantId()).ListAsync(filter));
    }

    public static async Task<IResult> GetTranscriptAsync(string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        PrefixedId.TryParse<CallId>(callId, out var id) && await grains.GetCall(user.GetTenantId(), id).GetTranscriptAsync() is { } transcript
            ? TypedResults.Ok(transcript)
            : WriteResults.NotFound(Resource);

    public static async Task<IResult> GetCostAsync(string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        PrefixedId.TryParse<CallId>(callId, out var id) && await grains.GetCall(user.GetTenantId(), id).GetCostAsync() is { } cost
            ? TypedResults.Ok(cost)
            : WriteResults.NotFound(Resource);

    public static async Task<IResult> GetEventsAsync(string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        PrefixedId.TryParse<CallId>(callId, out var id) && await grains.GetCall(user.GetTenantId(), id).GetEventsAsync() is { } events
            ? TypedResults.Ok(events)
            : WriteResults.NotFound(Resource);

    public static async Task<IResult> PlaceCallAsync([FromBody] PlaceCallRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<CallId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var call);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(tenant, id).PlaceAsync(call);
        return result.Outcome is WriteOutcome.Created or WriteOutcome.Ok
            ? TypedResults.Accepted($"/api/calls/{result.Value!.Id}", result.Value)
            : result.ToHttp(http, _ => 1, Resource, location: null);
    }

    public static async Task<IResult> GetCallAsync(string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        PrefixedId.TryParse<CallId>(callId, out var id) && await grains.GetCall(user.GetTenantId(), id).GetAsync() is { } call
            ? TypedResults.Ok(call)
            : WriteResults.NotFound(Resource);

    public static async Task<IResult> HangUpCallAsync(string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        PrefixedId.TryParse<CallId>(callId, out var id) && await grains.GetCall(user.GetTenantId(), id).HangUpAsync() is { } call
            ? TypedResults.Ok(call)
            : WriteResults.NotFound(Resource);
}
