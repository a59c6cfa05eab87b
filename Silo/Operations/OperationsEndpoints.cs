using VoicePlatform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Dashboard;
using Prometheus;
using VoicePlatform.Silo.Security;

namespace VoicePlatform.Silo.Operations;

/// <summary>What operators point tools at: health probes, Prometheus metrics and the Orleans dashboard.</summary>
public static class OperationsEndpoints
{
    public const string ReadyTag = "ready";
    public const string DashboardPath = "/dashboard";

    public static IEndpointRouteBuilder MapPlatformOperations(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Readiness: it is part of the cluster and can serve.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .WithTags("Operations").WithSummary("Liveness: the process answers");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous()
            .WithTags("Operations").WithSummary("Readiness: part of an active cluster");
        app.MapMetrics("/metrics").AllowAnonymous().WithTags("Operations").WithSummary("Prometheus metrics, Orleans meters included");
        // A browser UI with its own JSON calls: not part of the API reference.
        app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(PlatformPolicies.Operator).ExcludeFromDescription();
        return app;
    }
}
