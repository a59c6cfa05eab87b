using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VoicePlatform.Grains.Common;

namespace VoicePlatform.Silo.Operations;

/// <summary>
/// OpenTelemetry tracing, off unless configured: <c>Tracing:OtlpEndpoint</c> (e.g. <c>http://collector:4317</c>) sends
/// spans by OTLP; <c>Tracing:Enabled=true</c> alone records them for an exporter added in code (the tests' in-memory
/// one). The spans: ASP.NET Core requests, Orleans grain calls (its activity propagation carries the trace from the
/// API host into the silos), the platform's own (<see cref="PlatformActivities"/>), and HttpClient requests — LiveKit's
/// Twirp calls and webhook deliveries among them.
/// </summary>
public static class PlatformTracing
{
    public const string SectionName = "Tracing";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:OtlpEndpoint"])
        || string.Equals(configuration[$"{SectionName}:Enabled"], "true", StringComparison.OrdinalIgnoreCase);

    public static void AddPlatformTracing(this IHostApplicationBuilder builder, string serviceName)
    {
        if (!IsEnabled(builder.Configuration)) return;
        var endpoint = builder.Configuration[$"{SectionName}:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            throw new Hosting.PlatformConfigurationException($"{SectionName}:OtlpEndpoint", $"'{endpoint}' is not an absolute URL.");
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration[$"{SectionName}:ServiceName"] ?? serviceName))
            .WithTracing(tracing =>
            {
                // Orleans' application grain calls only: its runtime source also traces every stream-queue poll (50 a second per queue).
                tracing.AddSource(PlatformActivities.SourceName, "Microsoft.Orleans.Application");
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/health"));
                tracing.AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(endpoint)) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
    }
}
