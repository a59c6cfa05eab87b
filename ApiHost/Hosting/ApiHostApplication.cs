using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Orleans.Configuration;
using Scalar.AspNetCore;
using VoicePlatform.ApiHost.Endpoints;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.ApiHost.Live;
using VoicePlatform.Calls;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Silo.Operations;
using VoicePlatform.Silo.Security;
using VoicePlatform.Silo.Telephony;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// Builds the API host. With <c>ConnectionStrings:Postgres</c> it is a cluster client that finds gateways in
/// PostgreSQL; without it, the all-in-one development mode runs a silo in this process with in-memory
/// providers and seeds a demo tenant.
/// </summary>
public static class ApiHostApplication
{
    /// <summary>JSON bodies above this size are refused with 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
    public const string DefaultDevelopmentUrl = "http://localhost:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application's own directory, not the working directory: a published host started from anywhere still
        // finds its appsettings.json.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.Logging.AddSimpleConsole(o => { o.IncludeScopes = true; o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        PrometheusExporter.Start();
        LiveHubMetrics.Initialize();
        builder.AddPlatformTracing("voiceplatform-api");
        var settings = ClusterSettings.FromConfiguration(builder.Configuration);
        if (settings.IsDevelopment)
        {
            if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultDevelopmentUrl);
            EmbeddedLiveKitEmulator.ConfigureIfNeeded(builder);
            builder.AddVoicePlatformSilo();
            builder.Services.AddHostedService<DemoTenantSeeder>();
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
                client.UseAdoNetClustering(o => { o.Invariant = PlatformSiloBuilderExtensions.PostgresInvariant; o.ConnectionString = settings.ConnectionString; });
                client.Configure<ClientMessagingOptions>(o => o.CancelRequestOnTimeout = true);
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
                client.AddMemoryStreams(StreamProviders.Live);
                // A grain that could not read its state fails with the database driver's exception: read it back (503).
                VoicePlatform.Silo.Database.DatabaseExceptionSerialization.AddDatabaseExceptionSerialization(client.Services);
                // The trace of a request goes on into the silos with its grain calls.
                if (PlatformTracing.IsEnabled(builder.Configuration)) client.AddActivityPropagation();
                Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(client);
            });
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton<IClusterConnectionStatusObserver, LiveClusterConnectionObserver>();
            builder.Services.AddHealthChecks().AddCheck<ClusterClientReadinessHealthCheck>("cluster", tags: [OperationsEndpoints.ReadyTag]);
            builder.AddPlatformAuthentication(development: false);
            // The webhook receiver verifies LiveKit's signatures with the same key and secret the silos use.
            if (builder.Configuration.IsLiveKitConfigured()) builder.Services.AddLiveKit(builder.Configuration);
        }

        builder.Services.AddSingleton<ILiveKitWebhookReceiver, LiveKitWebhookReceiver>();
        builder.Services.AddSingleton<IInboundCallClaims, InboundCallClaims>();
        // Handlers stamp what they record (a do-not-call entry's time) with the host's clock, in both modes.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (CorrelationIdMiddleware.Get(c.HttpContext) is { } id) c.ProblemDetails.Extensions["correlationId"] = id;
        });
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddSignalR().AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        builder.Services.AddSingleton<LiveStreamBridge>();
        builder.Services.AddSingleton(LiveCredentialCheckSetting.Read(builder.Configuration));
        builder.Services.AddSingleton<LiveCredentialWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveCredentialWatch>());
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName));
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddSchemaTransformer(OpenApiExamples.ApplyAsync);
        });

        // CORS is closed unless the operator names the origins a browser app may call the API from (Cors:AllowedOrigins);
        // keys travel in the Authorization header, never cookies, so no credentials are allowed cross-origin either.
        var corsOrigins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (corsOrigins.Length > 0)
            builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(corsOrigins).AllowAnyMethod()
                .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", VoicePlatform.Common.CorrelationId.HeaderName).WithExposedHeaders("ETag", "Location", "Retry-After", VoicePlatform.Common.CorrelationId.HeaderName)));

        var app = builder.Build();
        // First: everything after reads the client's address, scheme and host as the trusted proxy forwarded them.
        app.UseTrustedProxies();
        app.UseMiddleware<SecurityHeaders>();
        if (!settings.IsDevelopment) app.UseHsts();
        if (corsOrigins.Length > 0) app.UseCors();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWallboard();
        // Outside authentication: checking a key is a grain call too, and a read is retried whole.
        app.UseMiddleware<TransientClusterFailures>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<TenantRateLimits>();
        app.UseMiddleware<AuditTrail>();
        app.UseMiddleware<RequestBodyRules>();
        app.UseMiddleware<RouteIds>();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("VoicePlatform API")).AllowAnonymous();
        app.MapPlatformOperations();
        app.MapVoicePlatformApi();
        app.MapHub<LiveHub>(VoicePlatform.Security.PlatformClaims.LiveHubPath).RequireAuthorization(VoicePlatform.Security.PlatformPolicies.LiveHub);
        return app;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        // A field the API does not know is an error, not silently dropped: a typo must not change nothing quietly.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
