using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>The operator's per-tenant deal: custom rates and a markup or discount, revisioned.</summary>
public static class TenantPricingApi
{
    private const string Resource = "tenant's pricing";

    public static RouteGroupBuilder MapTenantPricingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operator/tenants/{tenantId}/pricing").WithTags("Operator: pricing").WithBodyLimit(RequestLimits.Large).RequireAuthorization(PlatformPolicies.Operator);
        api.MapGet("/", GetTenantPricingAsync)
            .WithSummary("Read a tenant's pricing overrides; the ETag header is their revision (0: none set)")
            .Produces<TenantPricingView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/", SetTenantPricingAsync)
            .WithSummary("Replace a tenant's pricing overrides as a new revision (calls already dialled keep theirs); send If-Match with the ETag to avoid overwriting someone else's change")
            .Produces<TenantPricingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public static async Task<Results<Ok<TenantPricingView>, ProblemHttpResult>> GetTenantPricingAsync(TenantId tenantId, HttpContext http, IGrainFactory grains) =>
        await grains.GetTenantPricing(tenantId).GetOverridesAsync() is { } view
            ? view.ToHttp(http, v => v.Revision, Resource)
            : WriteResults.TenantNotFound(tenantId);

    public static async Task<Results<Created<TenantPricingView>, Ok<TenantPricingView>, ValidationProblem, ProblemHttpResult>> SetTenantPricingAsync(
        TenantId tenantId, [FromBody] PricingOverridesRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var overrides);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetTenantPricing(tenantId).SetOverridesAsync(overrides, Revisions.ExpectedRevision(http.Request), user.GetActor());
        return result.Outcome == WriteOutcome.NotFound ? WriteResults.TenantNotFound(tenantId) : result.ToHttp(http, v => v.Revision, Resource);
    }
}
