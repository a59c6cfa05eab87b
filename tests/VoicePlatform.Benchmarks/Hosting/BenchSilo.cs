using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Hosting;

/// <summary>
/// A silo host built exactly as the Silo program builds it (<see cref="SiloHostingExtensions.AddVoicePlatformSilo"/>:
/// production PostgreSQL clustering, storage and reminders, or development in-memory providers when there is no
/// connection string), with free ports and warning-level logging.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private const string ClusterId = "bench";
    private const string OperatorKey = "vpo_benchmark_operator_key_not_a_secret_0000";
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;

    private BenchSilo(WebApplication app, TimeSpan startTime)
    {
        _app = app;
        StartTime = startTime;
        GatewayPort = int.Parse(app.Configuration["Cluster:GatewayPort"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Where clients connect (an API host, or the gateway ceiling's client).</summary>
    public int GatewayPort { get; }

    /// <summary>From the first line of host building to this silo being Active in the membership view.</summary>
    public TimeSpan StartTime { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    public const string ServiceAndClusterId = ClusterId;

    public static async Task<BenchSilo> StartAsync(string? connectionString, IReadOnlyDictionary<string, string?>? extraConfiguration = null)
    {
        var clock = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        var configuration = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Operator:ApiKey"] = OperatorKey,
            // appsettings.json (the API host's, copied beside the benchmark) would otherwise lower it to Information.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (connectionString is not null) configuration["ConnectionStrings:Postgres"] = connectionString;
        foreach (var (key, value) in extraConfiguration ?? new Dictionary<string, string?>()) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // Its first check in a fresh process reports a stall as long as the machine's uptime: noise, not a finding.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);

        builder.AddVoicePlatformSilo();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        await app.StartAsync();
        await WaitUntilActiveAsync(app.Services);
        return new BenchSilo(app, clock.Elapsed);
    }

    /// <summary>Graceful stop (the silo leaves the membership table); returns how long it took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var clock = Stopwatch.StartNew();
        await _app.StopAsync();
        return clock.Elapsed;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // StartAsync returns after the silo's lifecycle completed; Active in the membership snapshot is
    // what the readiness probe reports, so that is the moment measured.
    private static async Task WaitUntilActiveAsync(IServiceProvider services)
    {
        var membership = services.GetRequiredService<IClusterMembershipService>();
        var local = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        using var timeout = new CancellationTokenSource(ActiveTimeout);
        while (membership.CurrentSnapshot.GetSiloStatus(local) != SiloStatus.Active)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }
}
