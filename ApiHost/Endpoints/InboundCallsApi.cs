using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// Where an agent worker LiveKit dispatched into an inbound call's room gets that call. Anonymous to the platform's own
/// authentication, because the bearer is LiveKit's job token, which <see cref="IInboundCallClaims"/> verifies.
/// </summary>
public static class InboundCallsApi
{
    public static IEndpointRouteBuilder MapInboundCallsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(IInboundCallClaims.Path, ClaimAsync).AllowAnonymous().WithTags("Agent workers")
            .WithSummary("Claim an inbound call for the agent worker LiveKit dispatched into its room (bearer: the LiveKit job token)")
            .Produces<InboundClaimResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<InboundClaimResponse>, ValidationProblem, ProblemHttpResult>> ClaimAsync(
        [FromBody] InboundClaimRequest request, HttpContext http, IInboundCallClaims claims)
    {
        var receipt = await claims.ClaimAsync(request, http.Request.Headers.Authorization.ToString());
        return receipt.Outcome switch
        {
            InboundClaimOutcome.Claimed => TypedResults.Ok(InboundClaimResponse.From(receipt.Claim!)),
            InboundClaimOutcome.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [receipt.Field ?? "body"] = [receipt.Detail ?? "Invalid."] }),
            InboundClaimOutcome.NotVerified => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not a LiveKit job token for this room", detail: receipt.Detail),
            InboundClaimOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No inbound call here", detail: receipt.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "LiveKit is not configured", detail: receipt.Detail),
        };
    }
}
