using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using VoicePlatform.RateLimits;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Per-tenant limits on the public API: reads, writes and lead imports each have a token bucket per tenant, kept by a
/// grain (<see cref="IRateLimitGrain"/>) that every API host draws from — so a tenant gets its limit across all hosts,
/// not once per host. A host takes tokens in batches of a tenth of a second's worth and spends them locally within a
/// second (a grain call per ten requests at the read limit, not per request); what it does not spend is lost, so the
/// limit is never exceeded, only under-used by at most a tenth of a second's worth per host. Over the limit: 429 with
/// Retry-After and problem details naming the limit. Operator routes, agent workers' reports and LiveKit's webhooks are
/// not limited here. If the cluster cannot be asked, requests pass (a limiter must not take the API down with it).
/// </summary>
public sealed class TenantRateLimits(RequestDelegate next, IGrainFactory grains, IOptions<RateLimitOptions> options, TimeProvider time,
    IProblemDetailsService problems, ILogger<TenantRateLimits> logger)
{
    public const string Reads = "reads";
    public const string Writes = "writes";
    public const string LeadImports = "lead-imports";

    private static readonly TimeSpan LeaseLife = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<(TenantId, string), Lease> _leases = new();

    private sealed class Lease
    {
        public int Remaining;
        public DateTimeOffset ExpiresAt;
        public DateTimeOffset BlockedUntil;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Enabled || Classify(context) is not var (tenant, requestClass, limit))
        {
            await next(context);
            return;
        }
        var retryAfter = await TakeAsync(tenant, requestClass, limit);
        if (retryAfter is null)
        {
            await next(context);
            return;
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.Value.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This tenant's {requestClass} are limited to {limit.PerSecond:0.##} a second, in bursts of up to {limit.Burst}; retry after {seconds} s.",
                Extensions = { ["limit"] = requestClass, ["retryAfterSeconds"] = seconds },
            },
        });
    }

    /// <summary>Null when the request may go on; otherwise how long until it may.</summary>
    private async Task<TimeSpan?> TakeAsync(TenantId tenant, string requestClass, RateLimitClassOptions limit)
    {
        var lease = _leases.GetOrAdd((tenant, requestClass), _ => new Lease());
        var now = time.GetUtcNow();
        lock (lease)
        {
            if (now < lease.BlockedUntil) return lease.BlockedUntil - now;
            if (lease.Remaining > 0 && now < lease.ExpiresAt)
            {
                lease.Remaining--;
                return null;
            }
        }
        var batch = (int)Math.Clamp(Math.Ceiling(limit.PerSecond / 10), 1, Math.Max(1, limit.Burst));
        RateLimitGrant grant;
        try
        {
            grant = await grains.GetRateLimit(tenant, requestClass).AcquireAsync(new RateLimitRequest { Wanted = batch, PerSecond = limit.PerSecond, Burst = limit.Burst });
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Rate limit of tenant {TenantId} ({RequestClass}) could not be checked; the request goes on", tenant, requestClass);
            return null;
        }
        now = time.GetUtcNow();
        lock (lease)
        {
            if (grant.Granted == 0)
            {
                lease.BlockedUntil = now + grant.RetryAfter;
                return grant.RetryAfter;
            }
            lease.Remaining = grant.Granted - 1;
            lease.ExpiresAt = now + LeaseLife;
            return null;
        }
    }

    private (TenantId Tenant, string Class, RateLimitClassOptions Limit)? Classify(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/operator") || path.StartsWithSegments("/api/livekit")) return null;
        var user = context.User;
        if (user.FindFirst(PlatformClaims.TenantIdClaim) is null || user.IsInRole(PlatformClaims.CallWorkerRole) || user.IsInRole(VoicePlatform.ApiKeys.ApiKeyRoles.AgentWorker))
            return null;
        var tenant = user.GetTenantId();
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) return (tenant, Reads, options.Value.Reads);
        if (HttpMethods.IsPost(method) && IsLeadImport(path)) return (tenant, LeadImports, options.Value.LeadImports);
        return (tenant, Writes, options.Value.Writes);
    }

    // POST /api/campaigns/{id}/leads and POST /api/campaigns/{id}/imports
    private static bool IsLeadImport(PathString path)
    {
        var segments = path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 4 && segments[0] == "api" && segments[1] == "campaigns" && segments[3] is "leads" or "imports";
    }
}
