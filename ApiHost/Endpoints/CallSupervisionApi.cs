using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>Supervisors on a live call of their own tenant: listen in (a hidden, subscribe-only LiveKit seat), stop, and the audit.</summary>
public static class CallSupervisionApi
{
    private const string Resource = "call";

    public static IEndpointRouteBuilder MapCallSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls/{callId}").WithTags("Call supervision").RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/listen", ListenAsync)
            .WithSummary("Listen in on a live call: a LiveKit URL and a two-minute token for a hidden participant that can only subscribe (no audio, no data); audited")
            .Produces<ListenSession>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/listen/{participantIdentity}", StopListeningAsync)
            .WithSummary("Stop listening: the listener is removed from the call's room (its token only limits joining); audited")
            .Produces<SupervisionEntry>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/supervision", GetSupervisionAsync)
            .WithSummary("Who supervised this call, how and when")
            .Produces<IReadOnlyList<SupervisionEntry>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<ListenSession>, ProblemHttpResult>> ListenAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains)
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

    public static async Task<Results<Ok<IReadOnlyList<SupervisionEntry>>, ProblemHttpResult>> GetSupervisionAsync(CallId callId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCall(user.GetTenantId(), callId).GetSupervisionAsync()).OkOrNotFound(Resource);

    /// <summary>Who is asking: the key's id (never its secret), or the role of a credential without one.</summary>
    private static string Actor(ClaimsPrincipal user) =>
        user.FindFirst(PlatformClaims.KeyIdClaim)?.Value ?? user.FindFirst(ClaimTypes.Role)?.Value ?? "unknown";
}
