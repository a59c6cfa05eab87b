using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Leads;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// Large lead lists imported in the background: the upload is cut into parts as it is read and each part is kept by
/// the job before the next is sent; the answer is 202 with the job, whose progress <c>GET …/imports/{id}</c> shows.
/// </summary>
public static class LeadImportsApi
{
    private const string Resource = "lead import";

    /// <summary>The most rows one import job takes.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>The largest upload: a million rows of a dozen columns fit with room to spare.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    public static RouteGroupBuilder MapLeadImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaigns/{campaignId}/imports").WithTags("Campaigns").RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", StartImportAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .Accepts<LeadImportRequest>("application/json", "text/csv", "multipart/form-data")
            .WithSummary($"Import a large lead list (up to {MaxRows:N0} rows) in the background: a CSV file (multipart field 'file', or a text/csv body) or the JSON of a direct import; answers 202 with the job (Idempotency-Key makes a retried upload answer the same job)")
            .Produces<LeadImportJob>(StatusCodes.Status202Accepted).Produces<LeadImportJob>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/{importId}", GetImportAsync)
            .WithSummary("An import job's progress: parts and rows read, leads added, rows merged and rejected (the first ones with their reasons), and the campaign's leads by status once complete")
            .Produces<LeadImportJob>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<LeadImportJob>, ProblemHttpResult>> GetImportAsync(CampaignId campaignId, LeadImportId importId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await grains.GetLeadImport(user.GetTenantId(), importId).GetAsync(campaignId);
        return result.Outcome == WriteOutcome.Ok ? TypedResults.Ok(result.Value!) : WriteResults.NotFound(Resource);
    }

    /// <summary>Sends the parts one after another (each kept before the next is read), then seals the job.</summary>
    public static async Task<Results<Accepted<LeadImportJob>, Ok<LeadImportJob>, ValidationProblem, ProblemHttpResult>> StartImportAsync(
        CampaignId campaignId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<LeadImportId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        var job = grains.GetLeadImport(tenant, id);
        var request = http.Request;

        IAsyncEnumerable<LeadUploadPart> parts;
        CsvPartReader? csv = null;
        if (request.HasJsonContentType())
        {
            LeadImportRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<LeadImportRequest>(json.Value.SerializerOptions, http.RequestAborted);
            }
            catch (System.Text.Json.JsonException e)
            {
                // As a bound body's would be: a 400 naming the field (ProblemDetailsExceptionHandler), not a 500.
                throw new BadHttpRequestException("The request body is not valid JSON of the expected shape.", StatusCodes.Status400BadRequest, e);
            }
            // Read here rather than bound, so the null-element check the bound routes get is made here.
            errors = body is null ? new() { ["body"] = ["Send csv (the file's text) or leads (a JSON list)."] } : NullElementsFilter.Find(body);
            if (errors.Count == 0) errors = body!.Validate(MaxRows, out _);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            if (body!.Csv is { } text) parts = (csv = new CsvPartReader(new StringReader(text))).ReadAsync(http.RequestAborted);
            else parts = RowParts(body.Leads!);
        }
        else if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var file = await FileSectionAsync(request, type, http.RequestAborted);
            if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the CSV file in a form field named 'file'."] });
            parts = (csv = new CsvPartReader(new StreamReader(file, Encoding.UTF8))).ReadAsync(http.RequestAborted);
        }
        else if (type is not null && type.MediaType.Value is { } media && (media.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            parts = (csv = new CsvPartReader(new StreamReader(request.Body, Encoding.UTF8))).ReadAsync(http.RequestAborted);
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send a CSV file as multipart/form-data (field 'file') or text/csv, or the JSON of a direct import.");
        }

        var count = 0;
        WriteResult<LeadImportJob>? last = null;
        await foreach (var part in parts)
        {
            if ((csv?.Rows ?? 0) > MaxRows)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"At most {MaxRows:N0} rows per import."] });
            last = await job.AppendAsync(campaignId, part);
            if (last.Outcome != WriteOutcome.Ok) return Refused(last);
            // A job already sealed by an earlier try of this upload is answered as it is.
            if (last.Value!.Status != LeadImportStatus.Receiving) return TypedResults.Ok(last.Value);
            count++;
        }
        if (count == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The list is empty: a header row with at least a 'phone' column and one lead are needed."] });
        var sealedJob = await job.SealAsync(campaignId, count);
        if (sealedJob.Outcome != WriteOutcome.Ok) return Refused(sealedJob);
        return TypedResults.Accepted($"/api/campaigns/{campaignId}/imports/{id}", sealedJob.Value);
    }

    private static Results<Accepted<LeadImportJob>, Ok<LeadImportJob>, ValidationProblem, ProblemHttpResult> Refused(WriteResult<LeadImportJob> result) =>
        result.Outcome == WriteOutcome.InvalidReference ? WriteResults.InvalidReference(result) : WriteResults.Problem(result, "campaign");

    private static async IAsyncEnumerable<LeadUploadPart> RowParts(IReadOnlyList<LeadImportRow> leads)
    {
        await Task.CompletedTask;
        var sequence = 0;
        foreach (var rows in leads.Chunk(LeadImportSource.MaxRows))
        {
            yield return new LeadUploadPart
            {
                Sequence = sequence, RowOffset = sequence * LeadImportSource.MaxRows, Rows = rows.Length,
                Source = new LeadImportSource { Rows = rows.Select(l => l.ToFields()).ToList() },
            };
            sequence++;
        }
    }

    /// <summary>The form's 'file' section as a stream, read as it arrives; null when the form has none.</summary>
    private static async Task<Stream?> FileSectionAsync(HttpRequest request, MediaTypeHeaderValue type, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return null;
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = MaxUploadBytes };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
                return section.Body;
        }
        return null;
    }
}
