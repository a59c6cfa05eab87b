using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Personas;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>Personas (voice characters, each in one brand) and the platform's template library.</summary>
public static class PersonasApi
{
    private const string Resource = "persona";

    public static IEndpointRouteBuilder MapPersonasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/persona-templates", ListTemplatesAsync).WithTags("Personas").RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("The persona template library").Produces<IReadOnlyList<PersonaTemplate>>();

        var api = app.MapGroup("/api/personas").WithTags("Personas").WithBodyLimit(RequestLimits.Large);
        api.MapPost("/", CreatePersonaAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Create a persona in one of your brands").Produces<PersonaView>(201).ProducesValidationProblem();
        api.MapPost("/from-template", CreateFromTemplateAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Copy a library template into one of your brands").Produces<PersonaView>(201).ProducesValidationProblem();
        api.MapGet("/", ListPersonasAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("List personas, optionally of one brand, with the number of agents using each").Produces<Page<PersonaListing>>();
        api.MapGet("/{personaId}", GetPersonaAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("Read a persona; the ETag header is its revision").Produces<PersonaView>().ProducesProblem(404);
        api.MapPut("/{personaId}", UpdatePersonaAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Replace a persona's profile (If-Match for safety); a different brandId is refused with 409")
            .Produces<PersonaView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        api.MapDelete("/{personaId}", DeletePersonaAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Delete a persona; refused with 409 while agents use it").Produces<PersonaView>().ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<PersonaTemplate>>> ListTemplatesAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPersonaTemplatesGrain>(0).ListAsync());

    public static async Task<Results<Created<PersonaView>, Ok<PersonaView>, ValidationProblem, ProblemHttpResult>> CreatePersonaAsync([FromBody] PersonaRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<PersonaId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var brand, out var profile);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetPersona(tenant, id).CreateAsync(brand, profile, templateId: null);
        return result.ToHttp(http, p => p.Revision, Resource, p => $"/api/personas/{p.Id}");
    }

    public static async Task<Results<Created<PersonaView>, Ok<PersonaView>, ValidationProblem, ProblemHttpResult>> CreateFromTemplateAsync([FromBody] PersonaFromTemplateRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<PersonaId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var brand);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetPersona(tenant, id).CreateFromTemplateAsync(brand, request.TemplateId!, request.Name?.Trim());
        return result.ToHttp(http, p => p.Revision, Resource, p => $"/api/personas/{p.Id}");
    }

    public static async Task<Results<Ok<Page<PersonaListing>>, ValidationProblem>> ListPersonasAsync(string? brandId, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        var brand = QueryFilters.Id<BrandId>(brandId, "brandId", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCatalog(user.GetTenantId()).ListPersonasAsync(brand, after, pageSize));
    }

    public static async Task<Results<Ok<PersonaView>, ProblemHttpResult>> GetPersonaAsync(PersonaId personaId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetPersona(user.GetTenantId(), personaId).GetAsync()).ToHttp(http, p => p.Revision, Resource);

    public static async Task<Results<Created<PersonaView>, Ok<PersonaView>, ValidationProblem, ProblemHttpResult>> UpdatePersonaAsync(PersonaId personaId, [FromBody] PersonaRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var brand, out var profile);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetPersona(user.GetTenantId(), personaId).UpdateAsync(brand, profile, Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, p => p.Revision, Resource);
    }

    public static async Task<Results<Created<PersonaView>, Ok<PersonaView>, ValidationProblem, ProblemHttpResult>> DeletePersonaAsync(PersonaId personaId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetPersona(user.GetTenantId(), personaId).DeleteAsync(Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, p => p.Revision, Resource);
    }
}
