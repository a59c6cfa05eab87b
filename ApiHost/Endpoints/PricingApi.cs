using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Pricing;
using VoicePlatform.Security;

using VoicePlatform.ApiHost.Http;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>A tenant's own prices: the rates it pays now, and what a call of one of its agents would cost.</summary>
public static class PricingApi
{
    /// <summary>Maps the tenant's pricing routes and the operator's price-book and override routes.</summary>
    public static RouteGroupBuilder MapPricingApi(this IEndpointRouteBuilder app)
    {
        app.MapPriceBooksApi();
        app.MapTenantPricingApi();
        var api = app.MapGroup("/api/pricing").WithTags("Pricing").WithBodyLimit(RequestLimits.Medium).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapGet("/", GetPricingAsync)
            .WithSummary("Read the rates this tenant pays now: the current price book with its own overrides, markup or discount applied")
            .Produces<EffectivePricing>().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/estimate", EstimateAsync)
            .WithSummary("Estimate a call of one of the tenant's agents lasting durationSeconds: every line itemised, the AI lines estimated from the duration")
            .Produces<CallCost>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<EffectivePricing>, ValidationProblem, ProblemHttpResult>> GetPricingAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        ToHttp(await grains.GetTenantPricing(user.GetTenantId()).GetEffectiveAsync());

    public static async Task<Results<Ok<CallCost>, ValidationProblem, ProblemHttpResult>> EstimateAsync([FromBody] EstimateRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var agent, out var durationSeconds);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return ToHttp(await grains.GetTenantPricing(user.GetTenantId()).EstimateAsync(agent, durationSeconds));
    }

    private static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(PricingResult<T> result) where T : class => result.Problem switch
    {
        null => TypedResults.Ok(result.Value),
        PricingProblem.UnknownAgent => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agentId"] = [result.Detail!] }),
        PricingProblem.UnknownTenant => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Tenant not found", detail: result.Detail),
        PricingProblem.NoPriceBook => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No price book", detail: result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The agent's models are not priced", detail: result.Detail),
    };
}
