using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>A tenant's white-label brands.</summary>
public static class BrandsApi
{
    private const string Resource = "brand";

    public static RouteGroupBuilder MapBrandsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/brands").WithTags("Brands").WithBodyLimit(RequestLimits.Large);
        api.MapPost("/", CreateBrandAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Create a brand (Idempotency-Key makes retries safe)").Produces<BrandView>(201).ProducesValidationProblem();
        api.MapGet("/", ListBrandsAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("List brands, filtered by name and status, a page at a time").Produces<Page<BrandEntry>>();
        api.MapGet("/{brandId}", GetBrandAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("Read a brand; the ETag header is its revision").Produces<BrandView>().ProducesProblem(404);
        api.MapPut("/{brandId}", UpdateBrandAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Replace a brand's profile; send If-Match with the ETag to avoid overwriting someone else's change")
            .Produces<BrandView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        api.MapPost("/{brandId}/clone", CloneBrandAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Copy a brand's profile into a new brand").Produces<BrandView>(201).ProducesProblem(404);
        api.MapDelete("/{brandId}", ArchiveBrandAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Archive a brand; refused with 409 and the list of personas and agents still using it")
            .Produces<BrandView>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return api;
    }

    public static async Task<Results<Created<BrandView>, Ok<BrandView>, ValidationProblem, ProblemHttpResult>> CreateBrandAsync([FromBody] BrandRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<BrandId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var profile);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetBrand(tenant, id).CreateAsync(profile);
        return result.ToHttp(http, b => b.Revision, Resource, b => $"/api/brands/{b.Id}");
    }

    public static async Task<Results<Ok<Page<BrandEntry>>, ValidationProblem>> ListBrandsAsync(string? name, string? status, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        var statusFilter = QueryFilters.Enum<BrandStatus>(status, "status", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCatalog(user.GetTenantId()).ListBrandsAsync(name, statusFilter, after, pageSize));
    }

    public static async Task<Results<Ok<BrandView>, ProblemHttpResult>> GetBrandAsync(BrandId brandId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetBrand(user.GetTenantId(), brandId).GetAsync()).ToHttp(http, b => b.Revision, Resource);

    public static async Task<Results<Created<BrandView>, Ok<BrandView>, ValidationProblem, ProblemHttpResult>> UpdateBrandAsync(BrandId brandId, [FromBody] BrandRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var profile);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetBrand(user.GetTenantId(), brandId).UpdateAsync(profile, Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, b => b.Revision, Resource);
    }

    public static async Task<Results<Created<BrandView>, Ok<BrandView>, ValidationProblem, ProblemHttpResult>> CloneBrandAsync(BrandId brandId, [FromBody] CloneBrandRequest? request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<BrandId>(http.Request, tenant, out var cloneId, out var errors)) return TypedResults.ValidationProblem(errors);
        request ??= new CloneBrandRequest(null);
        errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetBrand(tenant, brandId).CloneAsync(cloneId, request.CompanyName?.Trim());
        return result.ToHttp(http, b => b.Revision, Resource, b => $"/api/brands/{b.Id}");
    }

    public static async Task<Results<Created<BrandView>, Ok<BrandView>, ValidationProblem, ProblemHttpResult>> ArchiveBrandAsync(BrandId brandId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetBrand(user.GetTenantId(), brandId).ArchiveAsync(Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, b => b.Revision, Resource);
    }
}
