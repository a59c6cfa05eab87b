using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Requests that fail because the cluster is changing (a silo dying or just declared dead, a message timing out, no
/// gateway for a moment) or its database is briefly unreachable: a read is tried once more inside the request; what still fails answers 503 with Retry-After.
/// A write that failed this way may or may not have happened, so its answer says so, and that repeating it with the
/// same Idempotency-Key is safe — every write of this API is idempotent under its key.
/// </summary>
public sealed class TransientClusterFailures(RequestDelegate next, IProblemDetailsService problems, ILogger<TransientClusterFailures> logger)
{
    public const int RetryAfterSeconds = 2;

    public async Task InvokeAsync(HttpContext context)
    {
        var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        try
        {
            await next(context);
            return;
        }
        catch (Exception e) when (IsTransient(e) && !context.Response.HasStarted)
        {
            if (!read)
            {
                await RespondAsync(context, e, "The platform could not confirm this change",
                    "The cluster was changing while this request ran, so the change may or may not have been made. Repeating the request with the same Idempotency-Key is safe: it is applied at most once.");
                return;
            }
            logger.LogInformation("Retrying {Method} {Path} once after a transient cluster failure: {Error}", context.Request.Method, context.Request.Path, e.Message);
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (IsTransient(e) && !context.Response.HasStarted)
        {
            await RespondAsync(context, e, "The platform is briefly unavailable", "The cluster is changing (a server is joining or leaving); try again shortly.");
        }
    }

    /// <summary>Failures of the cluster, not of the request: worth repeating after a moment.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or GatewayTooBusyException => true,
        // The database restarting or unreachable: the same answer, a moment later it is back.
        VoicePlatform.Common.StorageUnavailableException or VoicePlatform.Wallets.WalletUnavailableException or VoicePlatform.Telephony.TelephonyUnavailableException => true,
        // A grain that could not read its state as it activated: the driver's own exception, inside Orleans'.
        Npgsql.NpgsqlException => true,
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        OrleansException { Message: var message } when message.Contains("gateway", StringComparison.OrdinalIgnoreCase) => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    private async Task RespondAsync(HttpContext context, Exception exception, string title, string detail)
    {
        logger.LogWarning("{Method} {Path} failed while the cluster was changing: {Error}", context.Request.Method, context.Request.Path, exception.Message);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
            Exception = exception,
        });
    }
}
