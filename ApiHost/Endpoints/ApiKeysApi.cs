using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiKeys;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

using VoicePlatform.ApiHost.Http;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>A tenant administrator manages the tenant's own keys. The tenant always comes from the caller's key.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/api-keys").WithTags("API keys").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantAdmin);
        api.MapPost("/", CreateApiKeyAsync).WithSummary("Create an API key; the key is shown once");
        api.MapGet("/", ListApiKeysAsync).WithSummary("List this tenant's API keys");
        api.MapDelete("/{keyId}", RevokeApiKeyAsync).WithSummary("Revoke one of this tenant's API keys").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateApiKeyAsync(
        [FromBody] CreateApiKeyRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        await IssueAsync(grains.GetTenant(user.GetTenantId()), request, user.GetActor(), "/api/api-keys/")
        ?? (Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Tenant not found");

    public static async Task<Results<Ok<IReadOnlyList<ApiKeySummary>>, NotFound>> ListApiKeysAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetTenant(user.GetTenantId()).ListApiKeysAsync() is { } keys ? TypedResults.Ok(keys) : TypedResults.NotFound();

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKeyAsync(ApiKeyId keyId, ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetTenant(user.GetTenantId()).RevokeApiKeyAsync(keyId)
            ? TypedResults.NoContent()
            : KeyNotFound(keyId);

    /// <summary>Shared by the tenant's and the operator's endpoint: validate, issue, answer 201 with the key. Null: no such tenant.</summary>
    internal static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>?> IssueAsync(
        ITenantGrain tenant, CreateApiKeyRequest request, string issuedBy, string locationPrefix)
    {
        var errors = request.Validate(issuedBy, out var command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await tenant.IssueApiKeyAsync(command);
        if (!result.Issued) return null;
        return TypedResults.Created(locationPrefix + result.Key!.KeyId, new CreatedApiKeyResponse(result.Key, result.Token!));
    }

    internal static ProblemHttpResult KeyNotFound(ApiKeyId keyId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found", detail: $"There is no API key '{keyId}' in this tenant.");
}
