using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Bodies before binding. A route that takes no body accepts none (413, limit 0); a JSON route's body must be
/// well-formed JSON within its limit (1 MiB unless the route declares its own), so a truncated body is reported as a
/// syntax error at its position rather than as whatever the binder happened to meet first.
/// </summary>
public sealed class RequestBodyRules(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        var endpoint = context.GetEndpoint();
        // Only the route that will handle the request decides (not, say, the framework's 405 endpoint).
        var handles = endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) == true;
        if (!hasBody || endpoint is null || !handles)
        {
            await next(context);
            return;
        }

        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts is null && endpoint.Metadata.GetMetadata<RawBodyMetadata>() is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body not accepted", "This endpoint takes no request body; send none.");
            return;
        }

        if (accepts is not null && request.HasJsonContentType())
        {
            var limit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Hosting.ApiHostApplication.MaxRequestBodyBytes;
            request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
            var problem = await CheckJsonAsync(request, limit, context.RequestAborted);
            request.Body.Position = 0;
            if (problem is not null)
            {
                context.Response.StatusCode = problem.Status!.Value;
                await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                return;
            }
        }
        await next(context);
    }

    private static async Task<ProblemDetails?> CheckJsonAsync(HttpRequest request, long? limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await request.Body.ReadAsync(memory, cancellationToken);
                if (read == 0) break;
                buffer.Advance(read);
                if (limit is { } max && buffer.WrittenCount > max) return TooLarge(limit);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (IOException)
        {
            // The buffering stream refuses to hold more than its limit.
            return TooLarge(limit);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException e)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["body"] = [$"Not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: the body is truncated or malformed."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid",
            };
        }
    }

    private static ProblemDetails TooLarge(long? limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request body too large",
        Detail = limit is { } max
            ? $"The request body exceeds the {max} bytes this endpoint accepts."
            : "The request body exceeds the size this endpoint accepts.",
    };

    private Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

/// <summary>Marks a route that reads its body itself (a signed webhook), so it is not treated as taking none.</summary>
public sealed class RawBodyMetadata;
