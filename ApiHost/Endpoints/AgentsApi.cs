using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Brands;
using VoicePlatform.Catalog;
using VoicePlatform.Common;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>AI agents, each built from a persona and wearing that persona's brand.</summary>
public static partial class AgentsApi
{
    private const string Resource = "agent";

    public static RouteGroupBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agents").WithTags("Agents").WithBodyLimit(RequestLimits.Large);
        api.MapPost("/", CreateAgentAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Create an agent from a persona; its brand is the persona's").Produces<AgentView>(201).ProducesValidationProblem();
        api.MapGet("/", ListAgentsAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("List agents with their brand badges, filtered by brand and status").Produces<Page<AgentListing>>();
        api.MapGet("/{agentId}", GetAgentAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("Read an agent; the ETag header is its revision").Produces<AgentView>().ProducesProblem(404);
        api.MapPut("/{agentId}", UpdateAgentAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Replace an agent's settings (If-Match for safety)")
            .Produces<AgentView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        api.MapDelete("/{agentId}", DeleteAgentAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Delete an agent").Produces<AgentView>().ProducesProblem(404).ProducesProblem(412);
        api.MapGet("/{agentId}/compiled-instructions", CompileInstructionsAsync).RequireAuthorization(PlatformPolicies.TenantSupervisor)
            .WithSummary("The agent's prompt: brand, persona, agent and call layers; every query parameter is a lead variable ({{name}})")
            .Produces<CompiledInstructions>().ProducesValidationProblem().ProducesProblem(404);
        api.MapPost("/{agentId}/test-call", StartTestCallAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Open a browser test call: a LiveKit room with the agent dispatched into it, and a token for the tester")
            .Produces<TestCallSession>(201).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    public static async Task<Results<Created<TestCallSession>, ProblemHttpResult>> StartTestCallAsync(AgentId agentId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetAgent(user.GetTenantId(), agentId).StartTestCallAsync();
        return result.Outcome switch
        {
            WriteOutcome.Created => TypedResults.Created((string?)null, result.Value),
            WriteOutcome.NotFound => WriteResults.NotFound(Resource),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Test calls are unavailable", detail: result.Detail),
        };
    }

    public static async Task<Results<Created<AgentView>, Ok<AgentView>, ValidationProblem, ProblemHttpResult>> CreateAgentAsync([FromBody] AgentRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<AgentId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.ValidateCreate(out var persona, out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetAgent(tenant, id).CreateAsync(persona, settings);
        return result.ToHttp(http, a => a.Revision, Resource, a => $"/api/agents/{a.Id}");
    }

    public static async Task<Results<Ok<Page<AgentListing>>, ValidationProblem>> ListAgentsAsync(string? brandId, string? status, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        var statusFilter = QueryFilters.Enum<AgentStatus>(status, "status", errors);
        var brand = QueryFilters.Id<BrandId>(brandId, "brandId", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCatalog(user.GetTenantId()).ListAgentsAsync(brand, statusFilter, after, pageSize));
    }

    public static async Task<Results<Ok<AgentView>, ProblemHttpResult>> GetAgentAsync(AgentId agentId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetAgent(user.GetTenantId(), agentId).GetAsync()).ToHttp(http, a => a.Revision, Resource);

    public static async Task<Results<Created<AgentView>, Ok<AgentView>, ValidationProblem, ProblemHttpResult>> UpdateAgentAsync(AgentId agentId, [FromBody] AgentRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.ValidateUpdate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetAgent(user.GetTenantId(), agentId).UpdateAsync(settings, Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, a => a.Revision, Resource);
    }

    public static async Task<Results<Created<AgentView>, Ok<AgentView>, ValidationProblem, ProblemHttpResult>> DeleteAgentAsync(AgentId agentId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetAgent(user.GetTenantId(), agentId).DeleteAsync(Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, a => a.Revision, Resource);
    }

    public static async Task<Results<Ok<CompiledInstructions>, ValidationProblem, ProblemHttpResult>> CompileInstructionsAsync(AgentId agentId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Query)
        {
            if (!VariableName().IsMatch(name)) errors[name] = ["Variable names are lower_snake_case, starting with a letter."];
            else if (values.Count != 1 || values[0] is not { Length: <= 1000 } value) errors[name] = ["One value of at most 1000 characters."];
            else variables[name] = value;
        }
        if (variables.Count > 100) errors["query"] = ["At most 100 variables."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var compiled = await grains.GetAgent(user.GetTenantId(), agentId).CompileInstructionsAsync(variables);
        return compiled is null ? WriteResults.NotFound(Resource) : TypedResults.Ok(compiled);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex VariableName();
}
