using System.Security.Claims;
using VoicePlatform.ApiKeys;
using VoicePlatform.Audit;
using VoicePlatform.Security;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Records every successful change to a tenant's objects (POST, PUT, PATCH, DELETE answered 2xx) with who made it — a
/// person's email, an API key's id, or the operator — in the tenant's audit log. Not recorded: what agent workers report
/// on their calls (the call's own history has it), LiveKit's webhooks and claims, and signing in and out.
/// </summary>
public sealed class AuditTrail(RequestDelegate next, IGrainFactory grains, TimeProvider time, ILogger<AuditTrail> logger)
{
    private static readonly string[] Unaudited = ["/api/session", "/api/invitations", "/api/live/token", "/api/livekit", "/api/inbound-calls"];

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return;
        if (context.Response.StatusCode is < 200 or >= 300) return;
        if (context.GetEndpoint() is not RouteEndpoint endpoint || Unaudited.Any(p => request.Path.StartsWithSegments(p))) return;
        var user = context.User;
        if (user.IsInRole(ApiKeyRoles.AgentWorker) || user.IsInRole(PlatformClaims.CallWorkerRole)) return;
        // The tenant changed: the caller's own, or the one an operator's route names.
        var tenantText = user.FindFirst(PlatformClaims.TenantIdClaim)?.Value ?? request.RouteValues["tenantId"] as string;
        if (!TenantId.TryParse(tenantText, out var tenant)) return;
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(), Actor = Clip(user.GetActor()), Method = request.Method.ToUpperInvariant(),
            Route = Clip(endpoint.RoutePattern.RawText ?? request.Path.Value ?? "/"), Path = Clip(request.Path.Value ?? "/"),
            Status = context.Response.StatusCode, CorrelationId = CorrelationIdMiddleware.Get(context),
        };
        try
        {
            await grains.GetAuditLog(tenant).RecordAsync(entry);
        }
        catch (Exception e)
        {
            // The change itself is done and answered; only its record is missing, and the log says so.
            logger.LogWarning(e, "Audit entry not recorded for tenant {TenantId}: {Actor} {Method} {Path}", tenant, entry.Actor, entry.Method, entry.Path);
        }
    }

    private static string Clip(string text) => text.Length <= AuditEntry.MaxTextLength ? text : text[..AuditEntry.MaxTextLength];
}
