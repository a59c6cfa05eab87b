using Microsoft.AspNetCore.Http.HttpResults;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Http;

/// <summary>Maps a grain's <see cref="WriteResult{T}"/> to HTTP, the same way for every editable resource.</summary>
public static class WriteResults
{
    /// <summary>A write: 201 (with <paramref name="location"/>) or 200 with the ETag of the new revision, or the problem.</summary>
    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(
        this WriteResult<T> result, HttpContext http, Func<T, int> revision, string resource, Func<T, string>? location = null)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Created when location is not null:
                http.Response.Headers.ETag = Revisions.ToETag(revision(result.Value!));
                return TypedResults.Created(location(result.Value!), result.Value);
            case WriteOutcome.Created or WriteOutcome.Ok:
                http.Response.Headers.ETag = Revisions.ToETag(revision(result.Value!));
                return TypedResults.Ok(result.Value);
            case WriteOutcome.InvalidReference:
                return InvalidReference(result);
            default:
                return Problem(result, resource);
        }
    }

    /// <summary>A write to something without a revision of its own (a call's reports): 200, or the problem; no ETag.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this WriteResult<T> result, string resource) => result.Outcome switch
    {
        WriteOutcome.Created or WriteOutcome.Ok => TypedResults.Ok(result.Value),
        WriteOutcome.InvalidReference => InvalidReference(result),
        _ => Problem(result, resource),
    };

    /// <summary>A read: 200 with the ETag, or 404.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToHttp<T>(this T? value, HttpContext http, Func<T, int> revision, string resource) where T : class
    {
        if (value is null) return NotFound(resource);
        http.Response.Headers.ETag = Revisions.ToETag(revision(value));
        return TypedResults.Ok(value);
    }

    /// <summary>A read of something without a revision: 200, or 404.</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOrNotFound<T>(this T? value, string resource) where T : class =>
        value is null ? NotFound(resource) : TypedResults.Ok(value);

    /// <summary>What went wrong with a write that did not succeed, as a problem; a bad reference names its field.</summary>
    public static ProblemHttpResult Problem<T>(WriteResult<T> result, string resource) => result.Outcome switch
    {
        WriteOutcome.NotFound => NotFound(resource),
        WriteOutcome.PreconditionFailed => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Stale revision",
            detail: $"The {resource} changed since you read it; read it again and retry with its current ETag in If-Match."),
        WriteOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The {resource} is in use",
            detail: result.Detail, extensions: new Dictionary<string, object?> { ["blockers"] = result.Blockers }),
        WriteOutcome.InvalidReference => TypedResults.Problem(new HttpValidationProblemDetails(Errors(result)) { Status = StatusCodes.Status400BadRequest }),
        _ => throw new InvalidOperationException($"Outcome {result.Outcome} is not a problem."),
    };

    public static ValidationProblem InvalidReference<T>(WriteResult<T> result) => TypedResults.ValidationProblem(Errors(result));

    /// <summary>An operator's route naming a tenant that does not exist.</summary>
    public static ProblemHttpResult TenantNotFound(TenantId tenant) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Tenant not found", detail: $"There is no tenant '{tenant}'.");

    public static ProblemHttpResult NotFound(string resource) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{char.ToUpperInvariant(resource[0])}{resource[1..]} not found",
            detail: $"There is no such {resource} in this tenant.");

    private static Dictionary<string, string[]> Errors<T>(WriteResult<T> result) =>
        new() { [result.Field ?? "body"] = [result.Detail ?? "Not found in this tenant."] };
}
