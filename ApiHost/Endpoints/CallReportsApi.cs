using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Security;

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
        var api = app.MapGroup("/api/calls/{callId}").WithTags("Agent worker").WithBodyLimit(RequestLimits.Large).RequireAuthorization(PlatformPolicies.AgentWorker);
        api.MapPost("/transcript", AddTranscriptAsync)
            .WithSummary("Add transcript segments; a segment id repeated replaces an interim segment and never a final one")
            .Produces<TranscriptAccepted>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/usage", ReportUsageAsync)
            .WithSummary("Report STT, LLM and TTS usage per provider and model; a report id repeated adds nothing")
            .Produces<CallView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/answered-by", ReportAnsweredByAsync)
            .WithSummary("Report who answered: human, or machine (the call ends as voicemail), and when; the first report wins, and a call that ended before its answer was seen becomes the conversation it was")
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

    public static async Task<Results<Ok<TranscriptAccepted>, ValidationProblem, ProblemHttpResult>> AddTranscriptAsync(CallId callId, [FromBody] TranscriptRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!MayReport(callId, user)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var segments);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(user.GetTenantId(), callId).AddTranscriptAsync(segments);
        return result.Outcome == WriteOutcome.Ok
            ? TypedResults.Ok(new TranscriptAccepted(result.Value))
            : WriteResults.NotFound(Resource);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> ReportUsageAsync(CallId callId, [FromBody] UsageRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!MayReport(callId, user)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var usage);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCall(user.GetTenantId(), callId).ReportUsageAsync(usage)).ToHttp(Resource);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> ReportAnsweredByAsync(CallId callId, [FromBody] AnsweredByRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        if (!MayReport(callId, user)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(time.GetUtcNow());
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCall(user.GetTenantId(), callId).ReportAnswerAsync(request.AnsweredBy!.Value, request.AnsweredAt)).ToHttp(Resource);
    }

    public static async Task<Results<Ok<CallView>, ValidationProblem, ProblemHttpResult>> ReportOutcomeAsync(CallId callId, [FromBody] OutcomeRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!MayReport(callId, user)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var outcome);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCall(user.GetTenantId(), callId).ReportOutcomeAsync(outcome)).ToHttp(Resource);
    }

    public static async Task<Results<Ok<CallView>, ProblemHttpResult>> EndCallAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        MayReport(callId, user) && await grains.GetCall(user.GetTenantId(), callId).EndByAgentAsync() is { } call
            ? TypedResults.Ok(call)
            : WriteResults.NotFound(Resource);

    public static async Task<Results<Accepted<CallView>, ValidationProblem, ProblemHttpResult>> TransferCallAsync(CallId callId, [FromBody] TransferRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!MayReport(callId, user)) return WriteResults.NotFound(Resource);
        var errors = request.Validate(out var transfer);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(user.GetTenantId(), callId).TransferAsync(transfer);
        if (result.Outcome == WriteOutcome.Ok) return TypedResults.Accepted($"/api/calls/{callId}", result.Value);
        if (result.Outcome == WriteOutcome.InvalidReference) return WriteResults.InvalidReference(result);
        return WriteResults.Problem(result, Resource);
    }

    /// <summary>Whether the caller may report on the route's call: an agent-worker key on any call, a call credential on its own.</summary>
    private static bool MayReport(CallId callId, ClaimsPrincipal user) =>
        !user.IsInRole(PlatformClaims.CallWorkerRole) || user.FindFirstValue(PlatformClaims.CallIdClaim) == callId.Value;
}
