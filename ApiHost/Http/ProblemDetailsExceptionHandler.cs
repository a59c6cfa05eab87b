using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// The one place where failures become RFC 7807 problem details: unreadable or mistyped JSON and unknown
/// fields name the field, oversized bodies get 413, and anything unexpected gets a 500 that hides internals.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = "The request body exceeds the size this endpoint accepts.",
            },
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException bad => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [BodyOrParameter(bad.Message)] = [Sanitize(bad.Message)],
            })
            {
                Status = bad.StatusCode,
                Title = "The request is not valid",
            },
            ArgumentException argument => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
                Detail = argument.Message,
            },
            TimeoutException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The platform did not answer in time",
                Detail = "Try again; the request may be retried safely.",
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "The error was logged with this request's correlation id.",
            };
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        // Unknown members are reported by System.Text.Json with the member name in quotes; other
        // errors carry the JSON path of the offending value.
        var unknown = UnknownMember().Match(json.Message);
        string field;
        string message;
        if (unknown.Success)
        {
            field = JoinPath(json.Path, unknown.Groups[1].Value);
            message = $"Unknown field '{unknown.Groups[1].Value}'.";
        }
        else if (json.Path is { Length: > 1 } path)
        {
            field = path;
            message = "The value is missing, malformed or of the wrong type.";
        }
        else
        {
            field = "body";
            message = "The body is not valid JSON of the expected shape.";
        }
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [CamelPath(field)] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid",
        };
    }

    private static string JoinPath(string? path, string member)
    {
        // The path usually already ends at the unknown member ("$.settings.bogus"); sometimes it is the parent.
        var trimmed = path?.TrimStart('$', '.') ?? "";
        if (trimmed == member || trimmed.EndsWith("." + member, StringComparison.Ordinal)) return trimmed;
        return trimmed.Length == 0 ? member : trimmed + "." + member;
    }

    private static string CamelPath(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string BodyOrParameter(string message)
    {
        var parameter = ParameterName().Match(message);
        return parameter.Success ? parameter.Groups[1].Value : "body";
    }

    /// <summary>ASP.NET's binding messages name C# types; keep the part a client can act on.</summary>
    private static string Sanitize(string message) => message.Contains("body", StringComparison.OrdinalIgnoreCase)
        ? "A JSON body is required."
        : message;

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("parameter \"?[^\"]*?\\s?([A-Za-z0-9_]+)\"? from")]
    private static partial Regex ParameterName();
}
