using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Silo.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// What the AI agent worker reports about the call it serves: transcript, usage, who answered, the outcome, and
/// requests to end or transfer. Authenticated with the call's own credential (from the dispatch metadata) or an
/// agent-worker key; a call credential reaches its call only, and every other call reads as not found.
/// </summary>
public static class CallReportsApi
{
    private const string Resource = "call";

    public static RouteGroupBuilder MapCallReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls/{callId}").WithTags("Agent worker").RequireAuthorization(PlatformPolicies.AgentWorker);
        api.MapPost("/transcript", AddTranscriptAsync)
            .WithSummary("Add transcript segments; a segment id repeated replaces an interim segment and never a final one")
            .Produces<TranscriptAccepted>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/usage", ReportUsageAsync)
            .WithSummary("Report STT, LLM and TTS usage per provider and model; a report id repeated adds nothing")
            .Produces<CallView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/answered-by", ReportAnsweredByAsync)
            .WithSummary("Report who answered: human, or machine (the call ends as voicemail); the first report wins")
            .Produces<CallView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/outcome", ReportOutcomeAsync)
            .WithSummary("Report the outcome and summary; a higher sequence replaces an earlier outcome, a repeat changes nothing")
            .Produces<CallView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/end", EndCallAsync)
            .WithSummary("Ask to end the call (the agent said goodbye); an ended call is answered as it is")
            .Produces<CallView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/transfer", TransferCallAsync)
            .WithSummary("Transfer the answered callee to a person's number (once per call; a repeat answers the same transfer)")
            .Produces<CallView>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<IResult> AddTranscriptAsync(string callId, [FromBody] TranscriptRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!TryGetCall(callId, user, out var id)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var segments);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(user.GetTenantId(), id).AddTranscriptAsync(segments);
        return result.Outcome == WriteOutcome.Ok
            ? TypedResults.Ok(new TranscriptAccepted(result.Value))
            : WriteResults.NotFound(Resource);
    }

    public static async Task<IResult> ReportUsageAsync(string callId, [FromBody] UsageRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!TryGetCall(callId, user, out var id)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var usage);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCall(user.GetTenantId(), id).ReportUsageAsync(usage)).ToHttp(http, _ => 1, Resource, location: null);
    }

    public static async Task<IResult> ReportAnsweredByAsync(string callId, [FromBody] AnsweredByRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!TryGetCall(callId, user, out var id)) return WriteResults.NotFound(Resource);
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCall(user.GetTenantId(), id).ReportAnsweredByAsync(request.AnsweredBy!.Value)).ToHttp(http, _ => 1, Resource, location: null);
    }

    public static async Task<IResult> ReportOutcomeAsync(string callId, [FromBody] OutcomeRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!TryGetCall(callId, user, out var id)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var outcome);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCall(user.GetTenantId(), id).ReportOutcomeAsync(outcome)).ToHttp(http, _ => 1, Resource, location: null);
    }

    public static async Task<IResult> EndCallAsync(string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        TryGetCall(callId, user, out var id) && await grains.GetCall(user.GetTenantId(), id).EndByAgentAsync() is { } call
            ? TypedResults.Ok(call)
            : WriteResults.NotFound(Resource);

    public static async Task<IResult> TransferCallAsync(string callId, [FromBody] TransferRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!TryGetCall(callId, user, out var id)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var transfer);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(user.GetTenantId(), id).TransferAsync(transfer);
        return result.Outcome == WriteOutcome.Ok
            ? TypedResults.Accepted($"/api/calls/{id}", result.Value)
            : result.ToHttp(http, _ => 1, Resource, location: null);
    }

    /// <summary>The route's call, when the caller may report on it: an agent-worker key on any call, a call credential on its own.</summary>
    private static bool TryGetCall(string callId, ClaimsPrincipal user, out CallId id) =>
        PrefixedId.TryParse(callId, out id)
        && (!user.IsInRole(PlatformClaims.CallWorkerRole) || user.FindFirstValue(PlatformClaims.CallIdClaim) == id.Value);
}
