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
/// Supervisors on a live call of their own tenant: listen in (a hidden, subscribe-only LiveKit seat), stop, whisper to
/// the AI agent, barge in, take over, and the audit.
/// </summary>
public static class CallSupervisionApi
{
    private const string Resource = "call";

    public static IEndpointRouteBuilder MapCallSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls/{callId}").WithTags("Call supervision").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/listen", ListenAsync)
            .WithSummary("Listen in on a live call: a LiveKit URL and a two-minute token for a hidden participant that can only subscribe (no audio, no data); audited")
            .Produces<SupervisorSession>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/listen/{participantIdentity}", StopListeningAsync)
            .WithSummary("Stop listening: the listener is removed from the call's room (its token only limits joining); audited")
            .Produces<SupervisionEntry>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/whisper", WhisperAsync)
            .WithSummary("Coach the AI agent: a text to the agent alone (LiveKit RPC voiceplatform.coach); the answer says whether the agent acknowledged it; audited")
            .Produces<WhisperReceipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/barge", BargeAsync)
            .WithSummary("Join the conversation: a token for a visible seat that may speak; a listener named in the body is made visible and may speak at once; audited")
            .Produces<SupervisorSession>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/takeover", TakeOverAsync)
            .WithSummary("Take the answered call over: the AI agent is removed, the supervisor stays with the callee, metering goes on and the call records who took over; audited")
            .Produces<SupervisorSession>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/supervision", GetSupervisionAsync)
            .WithSummary("Who supervised this call, how and when")
            .Produces<IReadOnlyList<SupervisionEntry>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<SupervisorSession>, ProblemHttpResult>> ListenAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetCall(user.GetTenantId(), callId).ListenAsync(Actor(user));
        return result.Outcome == WriteOutcome.Created
            ? TypedResults.Created($"/api/calls/{callId}/supervision", result.Value!)
            : WriteResults.Problem(result, Resource);
    }

    public static async Task<Results<Ok<SupervisionEntry>, ProblemHttpResult>> StopListeningAsync(CallId callId, string participantIdentity, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetCall(user.GetTenantId(), callId).StopListeningAsync(Actor(user), participantIdentity);
        return result.Outcome == WriteOutcome.Ok ? TypedResults.Ok(result.Value!) : WriteResults.Problem(result, "listener");
    }

    public static async Task<Results<Ok<WhisperReceipt>, ValidationProblem, ProblemHttpResult>> WhisperAsync(CallId callId, [FromBody] WhisperRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var text);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCall(user.GetTenantId(), callId).WhisperAsync(Actor(user), text);
        return result.Outcome == WriteOutcome.Ok ? TypedResults.Ok(result.Value!) : WriteResults.Problem(result, Resource);
    }

    public static Task<Results<Created<SupervisorSession>, ValidationProblem, ProblemHttpResult>> BargeAsync(CallId callId, [FromBody] SupervisorSeatRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        SeatAsync(callId, request, user, grains, (call, actor, listener) => call.BargeAsync(actor, listener));

    public static Task<Results<Created<SupervisorSession>, ValidationProblem, ProblemHttpResult>> TakeOverAsync(CallId callId, [FromBody] SupervisorSeatRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        SeatAsync(callId, request, user, grains, (call, actor, listener) => call.TakeOverAsync(actor, listener));

    /// <summary>Barge and takeover alike: an optional listener to make speak, one grain call, the seat or a problem.</summary>
    private static async Task<Results<Created<SupervisorSession>, ValidationProblem, ProblemHttpResult>> SeatAsync(CallId callId, SupervisorSeatRequest? request,
        ClaimsPrincipal user, IGrainFactory grains, Func<ICallGrain, string, string?, Task<WriteResult<SupervisorSession>>> take)
    {
        var errors = request?.Validate() ?? [];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await take(grains.GetCall(user.GetTenantId(), callId), Actor(user), request?.ParticipantIdentity);
        return result.Outcome == WriteOutcome.Created
            ? TypedResults.Created($"/api/calls/{callId}/supervision", result.Value!)
            : WriteResults.Problem(result, request?.ParticipantIdentity is null ? Resource : "listener");
    }

    public static async Task<Results<Ok<IReadOnlyList<SupervisionEntry>>, ProblemHttpResult>> GetSupervisionAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).GetSupervisionAsync()).OkOrNotFound(Resource);

    /// <summary>Who is asking: the key's id (never its secret), or the role of a credential without one.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        user.FindFirst(PlatformClaims.KeyIdClaim)?.Value ?? user.FindFirst(PlatformClaims.UserEmailClaim)?.Value ?? user.FindFirst(ClaimTypes.Role)?.Value ?? "unknown";
}
