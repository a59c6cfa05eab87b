using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Live;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// The live floor's entry: a supervisor's or tenant admin's key buys a short-lived token for the SignalR hub at
/// <see cref="PlatformClaims.LiveHubPath"/>, bound to its tenant and role. Only that token goes in the hub's URL.
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/live/token", IssueToken).WithTags("Live").RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary($"Exchange this key for a short-lived live hub token (minutes; it opens {PlatformClaims.LiveHubPath} only, passed as access_token)");
        return app;
    }

    public static Ok<LiveTokenResponse> IssueToken(ClaimsPrincipal user, ILiveHubTokens tokens)
    {
        var (token, expires) = tokens.Issue(user.GetTenantId(), user.FindFirst(ClaimTypes.Role)!.Value, LiveCredentials.Of(user));
        return TypedResults.Ok(new LiveTokenResponse(token, expires, PlatformClaims.LiveHubPath));
    }
}
