using VoicePlatform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Prometheus;
using VoicePlatform.Silo.Security;

namespace VoicePlatform.Silo.Operations;

/// <summary>What operators point tools at: health probes, Prometheus metrics and the Orleans dashboard.</summary>
public static class OperationsEndpoints
{
    public const string ReadyTag = "ready";
    public const string DashboardPath = "/dashboard";

    /// <summary>Set to true to serve /metrics without credentials (a scrape network no one else reaches).</summary>
    public const string AnonymousMetricsKey = "Operations:AnonymousMetrics";

    public static IEndpointRouteBuilder MapPlatformOperations(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers. Readiness: it is part of the cluster and can serve.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .WithTags("Operations").WithSummary("Liveness: the process answers");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous()
            .WithTags("Operations").WithSummary("Readiness: part of an active cluster");
        // Behind the operator credential (Prometheus sends it as a bearer token), unless the operator serves /metrics to a
        // private network only and says so: the figures describe the whole platform's traffic.
        var metrics = app.MapMetrics("/metrics").WithTags("Operations").WithSummary("Prometheus metrics, Orleans meters included (operator credential)");
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (string.Equals(configuration[AnonymousMetricsKey], "true", StringComparison.OrdinalIgnoreCase)) metrics.AllowAnonymous();
        else metrics.RequireAuthorization(PlatformPolicies.Operator);
        // A browser UI with its own JSON calls: not part of the API reference.
        app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(PlatformPolicies.Operator).ExcludeFromDescription();
        return app;
    }
}
