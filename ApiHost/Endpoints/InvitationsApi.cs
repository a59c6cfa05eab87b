using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Security;
using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// The invitation link's two steps, open to anyone holding a link: see what it offers, then accept it with a name and a
/// password (which signs the new user in). Wrong tokens count against the address's authentication budget.
/// </summary>
public static class InvitationsApi
{
    private const string Throttled = "invitation";

    public static RouteGroupBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/invitations").WithTags("Console sessions").WithBodyLimit(RequestLimits.Small).AllowAnonymous();
        api.MapPost("/preview", PreviewAsync).WithSummary("What an invitation link offers: the email, the role and the tenant")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/accept", AcceptAsync).WithSummary("Accept an invitation: choose a name and a password; sets the session cookie")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<InvitationView>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        [FromBody] InvitationTokenRequest request, HttpContext http, IGrainFactory grains, IAuthenticationThrottle throttle)
    {
        var errors = request.Validate(out var id, out var secret);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (throttle.RetryAfter(http.Connection.RemoteIpAddress, Throttled) is { } wait) return SessionApi.TooManyAttempts(http, wait);
        if (await grains.GetInvitation(id).PreviewAsync(secret) is { } view) return TypedResults.Ok(view);
        throttle.RecordFailure(http.Connection.RemoteIpAddress, Throttled);
        return FieldProblems.For(StatusCodes.Status404NotFound, "Invitation not open", "token",
            "This invitation link is not valid, has expired, was withdrawn or was already used; ask for a new one.");
    }

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        [FromBody] AcceptInvitationRequest request, HttpContext http, IGrainFactory grains, IAuthenticationThrottle throttle)
    {
        var errors = request.Validate(out var id, out var secret, out var acceptance);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (throttle.RetryAfter(http.Connection.RemoteIpAddress, Throttled) is { } wait) return SessionApi.TooManyAttempts(http, wait);
        var result = await grains.GetInvitation(id).AcceptAsync(secret, acceptance, SessionApi.Context(http));
        if (result.SignedIn is { } signedIn) return SessionApi.Started(http, signedIn);
        throttle.RecordFailure(http.Connection.RemoteIpAddress, Throttled);
        return FieldProblems.For(StatusCodes.Status409Conflict, "Invitation not accepted", "token", result.Refusal!);
    }
}
