using System.Text;
using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Auth;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>
/// Serves <c>/twirp/*</c> in LiveKit's order: the auth middleware first (a present but bad token is a
/// plain-text 401), then Twirp routing (wrong verb, path or content type is <c>bad_route</c>), body
/// decoding (<c>malformed</c>), then the method, which checks its grants and validates.
/// </summary>
public static class TwirpEndpoint
{
    public const string Prefix = "/twirp/";

    public static IEndpointConventionBuilder MapTwirp(this IEndpointRouteBuilder app) =>
        app.Map(Prefix + "{**path}", HandleAsync);

    private static async Task HandleAsync(HttpContext context, TwirpRouter router, AccessTokenVerifier verifier, ApiFaultInjector faults,
        Hosting.EmulatorClock clock, ILoggerFactory loggers)
    {
        ClaimGrants? grants = null;
        if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            const string bearer = "Bearer ";
            var error = "missing Bearer prefix";
            grants = authorization.StartsWith(bearer, StringComparison.Ordinal)
                ? verifier.Verify(authorization[bearer.Length..], out error)
                : null;
            if (grants is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("invalid authorization token: " + error, context.RequestAborted);
                return;
            }
        }

        var path = context.Request.Path.Value?[Prefix.Length..] ?? "";
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                throw new TwirpException(TwirpCodes.BadRoute, $"unsupported method {context.Request.Method} (only POST is allowed)");
            }

            var handler = router.Find(path) ?? throw new TwirpException(TwirpCodes.BadRoute, $"no handler for path \"{context.Request.Path}\"");
            var contentType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
            if (contentType != "application/json")
            {
                throw new TwirpException(TwirpCodes.BadRoute,
                    $"unexpected Content-Type: \"{context.Request.ContentType}\"");
            }

            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = ProtoRequest.Parse(buffer.ToArray());
            // Injected faults (ApiFaults), after routing and decoding, as a LiveKit node failing inside a method would.
            var fault = faults.Draw(path.StartsWith("livekit.", StringComparison.Ordinal) ? path["livekit.".Length..] : path);
            if (fault == ApiFault.Error) throw new TwirpException(TwirpCodes.Unavailable, "injected fault: service unavailable");
            if (fault == ApiFault.Slow) await clock.DelayAsync(faults.SlowDelay, context.RequestAborted);
            var response = await handler(new TwirpCall(grants, body, context.RequestServices, context.RequestAborted));
            if (fault == ApiFault.LostResponse)
            {
                // The work is done; the client never learns it.
                context.Abort();
                return;
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString(ProtoJsonWriter.SerializerOptions), Encoding.UTF8, context.RequestAborted);
        }
        catch (TwirpException e)
        {
            await WriteErrorAsync(context, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(TwirpEndpoint)).LogError(e, "Twirp method {Path} failed", path);
            await WriteErrorAsync(context, new TwirpException(TwirpCodes.Internal, e.Message));
        }
    }

    private static Task WriteErrorAsync(HttpContext context, TwirpException error)
    {
        var body = new JsonObject { ["code"] = error.Code, ["msg"] = error.Message };
        if (error.Meta.Count > 0)
        {
            // twirp writes meta with omitempty: only when there is some.
            var meta = new JsonObject();
            foreach (var (key, value) in error.Meta)
            {
                meta[key] = value;
            }

            body["meta"] = meta;
        }

        context.Response.StatusCode = error.HttpStatus;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(ProtoJsonWriter.SerializerOptions), Encoding.UTF8, context.RequestAborted);
    }
}
