using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Leads;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>Calling campaigns: administrators write and run them, supervisors read them.</summary>
public static class CampaignsApi
{
    private const string Resource = "campaign";

    public static RouteGroupBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns").WithTags("Campaigns").WithBodyLimit(RequestLimits.Lists).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", CreateCampaignAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Create a campaign in draft (Idempotency-Key makes retries safe); its agent, numbers and trunk must be this tenant's")
            .Produces<CampaignView>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/", ListCampaignsAsync)
            .WithSummary("List this tenant's campaigns, filtered by status, a page at a time").Produces<Page<CampaignEntry>>().ProducesValidationProblem();
        api.MapGet("/{campaignId}", GetCampaignAsync)
            .WithSummary("Read a campaign with where it stands: leads by status, attempts by outcome, live calls, pace and why it is not dialing now; the ETag is its revision").Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{campaignId}", UpdateCampaignAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Replace a campaign's settings in draft or paused (409 otherwise); send If-Match with its ETag")
            .Produces<CampaignView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{campaignId}", DeleteCampaignAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Delete a campaign that is not running").Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost("/{campaignId}/leads", ImportLeadsAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary($"Import up to {LeadImportSource.MaxRows} leads as CSV text or JSON: valid rows added (DNC, consent and each lead's next lawful time applied), bad rows reported by row, field and reason, known numbers merged")
            .Produces<LeadImportReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{campaignId}/leads", ListLeadsAsync)
            .WithSummary("List a campaign's leads in id order, filtered by status, a page at a time")
            .Produces<Page<LeadRecord>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{campaignId}/leads/{leadId}", GetLeadAsync)
            .WithSummary("Read one lead with its attempts (each call, when it was dialed and answered, how it ended and what was decided)")
            .Produces<LeadRecord>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{campaignId}/calls", ListCallsAsync)
            .WithSummary("The campaign's calls newest first, filtered like /api/calls (status, agent, time range), a page at a time")
            .Produces<Page<CallRecord>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{campaignId}/funnel", GetFunnelAsync)
            .WithSummary("How the campaign's leads narrow: imported, dialed, connected, a conversation of 30 s or more, a positive (qualified) outcome, with each stage's rate")
            .Produces<CampaignFunnel>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{campaignId}/export.csv", ExportAsync)
            .WithSummary("Every lead with its attempts and outcomes as CSV (one row per attempt), streamed")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{campaignId}/start", StartAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Start dialing (scheduled when its start time is ahead); repeating it changes nothing")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // Supervisors too: the people watching the floor are the ones who see a campaign going wrong.
        api.MapPost("/{campaignId}/pause", PauseAsync)
            .WithSummary("Stop new dials while live calls finish; only a person's resume undoes it (tenant admins and supervisors)")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{campaignId}/resume", ResumeAsync)
            .WithSummary("Resume a paused campaign, whatever paused it (tenant admins and supervisors)")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{campaignId}/cancel", CancelAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Stop dialing for good; with hangUpLiveCalls=true its live calls are hung up too")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<Page<CallRecord>>, ValidationProblem, ProblemHttpResult>> ListCallsAsync(
        CampaignId campaignId, [AsParameters] CallListRequestQuery query, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCampaign(user.GetTenantId(), campaignId).ListCallsAsync(filter)).ToHttp(Resource);
    }

    public static async Task<Results<Ok<CampaignFunnel>, ValidationProblem, ProblemHttpResult>> GetFunnelAsync(CampaignId campaignId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).GetFunnelAsync()).ToHttp(Resource);

    /// <summary>The first page decides 404 before anything is sent; then a page of leads per grain call, each flushed as it is written.</summary>
    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(CampaignId campaignId, ClaimsPrincipal user, IGrainFactory grains)
    {
        const int pageSize = 500;
        var campaign = grains.GetCampaign(user.GetTenantId(), campaignId);
        var first = await campaign.ListLeadsAsync(null, null, pageSize);
        if (first.Outcome != WriteOutcome.Ok) return WriteResults.Problem(first, Resource);
        return TypedResults.Stream(async body =>
        {
            using var csv = new LeadExportCsv();
            await using var text = new StreamWriter(body, leaveOpen: true);
            var page = first.Value!;
            while (true)
            {
                foreach (var lead in page.Items) csv.Add(lead);
                await text.WriteAsync(csv.TakeWritten());
                await text.FlushAsync();
                if (page.Next is null) break;
                page = (await campaign.ListLeadsAsync(null, page.Next, pageSize)).Value ?? new Page<LeadRecord> { Items = [] };
            }
        }, "text/csv; charset=utf-8", $"campaign-{campaignId}-leads.csv");
    }

    public static async Task<Results<Ok<LeadRecord>, ValidationProblem, ProblemHttpResult>> GetLeadAsync(CampaignId campaignId, LeadId leadId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).GetLeadAsync(leadId)).ToHttp("lead");

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> StartAsync(CampaignId campaignId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).StartAsync()).ToHttp(http, c => c.Revision, Resource);

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> PauseAsync(CampaignId campaignId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).PauseAsync()).ToHttp(http, c => c.Revision, Resource);

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> ResumeAsync(CampaignId campaignId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).ResumeAsync()).ToHttp(http, c => c.Revision, Resource);

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> CancelAsync(CampaignId campaignId, bool? hangUpLiveCalls, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).CancelAsync(hangUpLiveCalls ?? false)).ToHttp(http, c => c.Revision, Resource);

    public static async Task<Results<Ok<LeadImportReport>, ValidationProblem, ProblemHttpResult>> ImportLeadsAsync(
        CampaignId campaignId, [FromBody] LeadImportRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var source);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCampaign(user.GetTenantId(), campaignId).ImportLeadsAsync(source)).ToHttp(Resource);
    }

    public static async Task<Results<Ok<Page<LeadRecord>>, ValidationProblem, ProblemHttpResult>> ListLeadsAsync(
        CampaignId campaignId, string? status, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        var statusFilter = QueryFilters.Enum<LeadStatus>(status, "status", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetCampaign(user.GetTenantId(), campaignId).ListLeadsAsync(statusFilter, after, pageSize)).ToHttp(Resource);
    }

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> CreateCampaignAsync(
        [FromBody] CampaignRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<CampaignId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCampaign(tenant, id).CreateAsync(settings);
        return result.ToHttp(http, c => c.Revision, Resource, c => $"/api/campaigns/{c.Id}");
    }

    public static async Task<Results<Ok<Page<CampaignEntry>>, ValidationProblem>> ListCampaignsAsync(string? status, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        var statusFilter = QueryFilters.Enum<CampaignStatus>(status, "status", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetCampaignDirectory(user.GetTenantId()).ListAsync(statusFilter, after, pageSize));
    }

    public static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetCampaignAsync(CampaignId campaignId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetCampaign(user.GetTenantId(), campaignId).DescribeAsync()).ToHttp(http, c => c.Revision, Resource);

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> UpdateCampaignAsync(
        CampaignId campaignId, [FromBody] CampaignRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetCampaign(user.GetTenantId(), campaignId).UpdateAsync(settings, Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, c => c.Revision, Resource);
    }

    public static async Task<Results<Created<CampaignView>, Ok<CampaignView>, ValidationProblem, ProblemHttpResult>> DeleteCampaignAsync(
        CampaignId campaignId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetCampaign(user.GetTenantId(), campaignId).DeleteAsync(Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, c => c.Revision, Resource);
    }
}
