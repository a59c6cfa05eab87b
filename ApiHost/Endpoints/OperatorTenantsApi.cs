using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiKeys;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>The platform operator's view of tenants: create, read, list, update, suspend, and their keys.</summary>
public static class OperatorTenantsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapOperatorTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operator/tenants").WithTags("Operator: tenants").WithBodyLimit(RequestLimits.Medium).RequireAuthorization(PlatformPolicies.Operator);
        api.MapPost("/", CreateTenantAsync).WithSummary("Create a tenant (send Idempotency-Key to make retries safe)");
        api.MapGet("/", ListTenantsAsync).WithSummary("List tenants, ordered by id, a page at a time");
        api.MapGet("/{tenantId}", GetTenantAsync).WithSummary("Read a tenant").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{tenantId}", UpdateTenantAsync).WithSummary("Change a tenant's name or settings").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{tenantId}/suspend", SuspendTenantAsync).WithSummary("Suspend a tenant: its keys stop working").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{tenantId}/reactivate", ReactivateTenantAsync).WithSummary("Reactivate a suspended tenant").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{tenantId}/api-keys", CreateApiKeyAsync).WithSummary("Issue an API key for a tenant").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{tenantId}/api-keys", ListApiKeysAsync).WithSummary("List a tenant's API keys").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{tenantId}/api-keys/{keyId}", RevokeApiKeyAsync).WithSummary("Revoke a tenant's API key").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<TenantSnapshot>, Ok<TenantSnapshot>, ValidationProblem, ProblemHttpResult>> CreateTenantAsync(
        [FromBody] CreateTenantRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, IGrainFactory grains)
    {
        var errors = request.Validate(out var command);
        if (idempotencyKey is { Length: 0 or > 200 }) errors[IdempotencyHeader] = ["At most 200 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var id = idempotencyKey is null ? TenantId.New() : TenantId.FromIdempotencyKey(idempotencyKey);
        var result = await grains.GetTenant(id).CreateAsync(command);
        return result.Outcome switch
        {
            TenantOutcome.Created => TypedResults.Created($"/api/operator/tenants/{id}", result.Tenant),
            TenantOutcome.Ok => TypedResults.Ok(result.Tenant),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused",
                detail: $"The {IdempotencyHeader} was already used for a different tenant request."),
        };
    }

    public static async Task<Results<Ok<TenantPage>, ValidationProblem>> ListTenantsAsync(string? after, int? limit, IGrainFactory grains)
    {
        if (limit is < 1 or > 200) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 200."] });
        return TypedResults.Ok(await grains.GetTenantDirectory().ListAsync(after, limit ?? 50));
    }

    public static async Task<Results<Ok<TenantSnapshot>, ProblemHttpResult>> GetTenantAsync(TenantId tenantId, IGrainFactory grains) =>
        await grains.GetTenant(tenantId).GetAsync() is { } tenant
            ? TypedResults.Ok(tenant)
            : WriteResults.TenantNotFound(tenantId);

    public static async Task<Results<Ok<TenantSnapshot>, ValidationProblem, ProblemHttpResult>> UpdateTenantAsync(
        TenantId tenantId, [FromBody] UpdateTenantRequest request, IGrainFactory grains)
    {
        var errors = request.Validate(out var command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetTenant(tenantId).UpdateAsync(command);
        return result.Tenant is { } tenant ? TypedResults.Ok(tenant) : WriteResults.TenantNotFound(tenantId);
    }

    public static async Task<Results<Ok<TenantSnapshot>, ValidationProblem, ProblemHttpResult>> SuspendTenantAsync(
        TenantId tenantId, [FromBody] SuspendTenantRequest request, IGrainFactory grains)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetTenant(tenantId).SuspendAsync(request.Reason!.Trim());
        return result.Tenant is { } tenant ? TypedResults.Ok(tenant) : WriteResults.TenantNotFound(tenantId);
    }

    public static async Task<Results<Ok<TenantSnapshot>, ProblemHttpResult>> ReactivateTenantAsync(TenantId tenantId, IGrainFactory grains)
    {
        var result = await grains.GetTenant(tenantId).ReactivateAsync();
        return result.Tenant is { } tenant ? TypedResults.Ok(tenant) : WriteResults.TenantNotFound(tenantId);
    }

    public static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateApiKeyAsync(
        TenantId tenantId, [FromBody] CreateApiKeyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        return await ApiKeysApi.IssueAsync(grains.GetTenant(tenantId), request, user.GetActor(), $"/api/operator/tenants/{tenantId}/api-keys/")
            ?? (Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>)WriteResults.TenantNotFound(tenantId);
    }

    public static async Task<Results<Ok<IReadOnlyList<ApiKeySummary>>, ProblemHttpResult>> ListApiKeysAsync(TenantId tenantId, IGrainFactory grains) =>
        await grains.GetTenant(tenantId).ListApiKeysAsync() is { } keys
            ? TypedResults.Ok(keys)
            : WriteResults.TenantNotFound(tenantId);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKeyAsync(TenantId tenantId, ApiKeyId keyId, IGrainFactory grains)
    {
        return await grains.GetTenant(tenantId).RevokeApiKeyAsync(keyId)
            ? TypedResults.NoContent()
            : ApiKeysApi.KeyNotFound(keyId);
    }
}
