using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Http;

/// <summary>Maps a grain's <see cref="WriteResult{T}"/> to HTTP, the same way for every editable resource.</summary>
public static class WriteResults
{
    public static IResult ToHttp<T>(this WriteResult<T> result, HttpContext http, Func<T, int> revision, string resource, Func<T, string>? location = null)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Created:
                http.Response.Headers.ETag = Revisions.ToETag(revision(result.Value!));
                return location is null ? TypedResults.Ok(result.Value) : TypedResults.Created(location(result.Value!), result.Value);
            case WriteOutcome.Ok:
                http.Response.Headers.ETag = Revisions.ToETag(revision(result.Value!));
                return TypedResults.Ok(result.Value);
            case WriteOutcome.NotFound:
                return NotFound(resource);
            case WriteOutcome.PreconditionFailed:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Stale revision",
                    detail: $"The {resource} changed since you read it; read it again and retry with its current ETag in If-Match.");
            case WriteOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The {resource} is in use",
                    detail: result.Detail, extensions: new Dictionary<string, object?> { ["blockers"] = result.Blockers });
            case WriteOutcome.InvalidReference:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Field ?? "body"] = [result.Detail ?? "Not found in this tenant."] });
            default:
                throw new InvalidOperationException($"Unknown outcome {result.Outcome}.");
        }
    }

    /// <summary>A read: 200 with the ETag, or 404.</summary>
    public static IResult ToHttp<T>(this T? value, HttpContext http, Func<T, int> revision, string resource) where T : class
    {
        if (value is null) return NotFound(resource);
        http.Response.Headers.ETag = Revisions.ToETag(revision(value));
        return TypedResults.Ok(value);
    }

    public static IResult NotFound(string resource) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{char.ToUpperInvariant(resource[0])}{resource[1..]} not found",
            detail: $"There is no such {resource} in this tenant.");
}
