using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Security;
using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// Console sessions: sign in with email and password (an HTTP-only, SameSite=Strict cookie), read the session and its
/// CSRF token, change the password, sign out here or everywhere. Failed sign-ins are throttled per address and per
/// email-and-address, never by locking the account.
/// </summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/session").WithTags("Console sessions").WithBodyLimit(RequestLimits.Small);
        api.MapPost("/", SignInAsync).AllowAnonymous().WithSummary("Sign in with email and password; sets the session cookie")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/", GetAsync).RequireAuthorization(PlatformPolicies.ConsoleUser).WithSummary("The signed-in user and the session's CSRF token");
        api.MapDelete("/", SignOutAsync).RequireAuthorization(PlatformPolicies.ConsoleUser).WithSummary("Sign out this browser");
        api.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).RequireAuthorization(PlatformPolicies.ConsoleUser).WithSummary("End every session of this user");
        api.MapPut("/password", ChangePasswordAsync).RequireAuthorization(PlatformPolicies.ConsoleUser)
            .WithSummary("Change the password; every other session ends");
        return api;
    }

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        [FromBody] SignInRequest request, HttpContext http, IGrainFactory grains, IAuthenticationThrottle throttle)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var address = http.Connection.RemoteIpAddress;
        var email = UserRules.NormalizeEmail(request.Email!);
        if (throttle.RetryAfter(address, "email:" + email) is { } wait) return TooManyAttempts(http, wait);

        var result = await grains.GetUserEmail(email).SignInAsync(request.Password!, Context(http));
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                return Started(http, result);
            case SignInOutcome.TenantSuspended:
                return FieldProblems.For(StatusCodes.Status403Forbidden, "Suspended", "email", "Your organisation's account is suspended; ask the platform's operator.");
            default:
                throttle.RecordFailure(address, "email:" + email);
                return FieldProblems.For(StatusCodes.Status401Unauthorized, "Not signed in", "password", "The email address or the password is not right.");
        }
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetAsync(HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var view = await grains.GetUser(UserIdOf(user)).GetAsync();
        return view is null || !SessionToken.TryParse(http.Request.Cookies[SessionToken.CookieName], out _, out _, out var secret)
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "Sign in again.")
            : TypedResults.Ok(new SessionResponse(view, SessionToken.CsrfToken(secret)));
    }

    public static async Task<NoContent> SignOutAsync(HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetUser(UserIdOf(user)).SignOutAsync(user.FindFirst(PlatformClaims.SessionIdClaim)!.Value);
        SessionCookies.Clear(http.Response, SessionCookies.Secure(http));
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SignOutEverywhereAsync(HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetUser(UserIdOf(user)).SignOutEverywhereAsync();
        SessionCookies.Clear(http.Response, SessionCookies.Secure(http));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        [FromBody] ChangePasswordRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(user.FindFirst(PlatformClaims.UserEmailClaim)!.Value);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetUser(UserIdOf(user)).ChangePasswordAsync(user.FindFirst(PlatformClaims.SessionIdClaim)!.Value, request.CurrentPassword!, request.NewPassword!);
        return result.ToHttp("user");
    }

    /// <summary>A new session: the cookie set, the CSRF token answered.</summary>
    internal static Ok<SessionResponse> Started(HttpContext http, VoicePlatform.Users.SignInResult result)
    {
        SessionCookies.Set(http.Response, SessionCookies.Secure(http), result.SessionToken!, result.ExpiresAt!.Value);
        SessionToken.TryParse(result.SessionToken, out _, out _, out var secret);
        return TypedResults.Ok(new SessionResponse(result.User!, SessionToken.CsrfToken(secret!)));
    }

    internal static SessionContext Context(HttpContext http) => new()
    {
        Address = http.Connection.RemoteIpAddress?.ToString(), UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
    };

    internal static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return FieldProblems.For(StatusCodes.Status429TooManyRequests, "Too many attempts", "password",
            $"Too many failed attempts from here; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds.");
    }

    private static UserId UserIdOf(ClaimsPrincipal user) => UserId.FromValidated(user.FindFirst(PlatformClaims.UserIdClaim)!.Value);
}
