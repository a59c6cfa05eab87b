using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;
using VoicePlatform.Grains.Calls;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Silo.Telephony;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Test clusters whose membership, grain state and reminders live in a real PostgreSQL database with the
/// project's schema, configured by the same code the production silo uses.
/// </summary>
public static class PostgresClusterBuilder
{
    private const string ConnectionStringProperty = "VoicePlatformTests:Postgres";

    /// <summary>Cluster property: the silos also log to the console from this level (Information, Warning, …).</summary>
    public const string SiloLogLevelProperty = "VoicePlatformTests:SiloLogLevel";

    private static TestCluster Build(string connectionString, string serviceId, int silos = 1, string? clusterId = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = clusterId ?? serviceId + "-cluster";
        builder.Options.UseTestClusterMembership = false;
        // Real sockets, as between processes: an outside client (ApiHost) must be able to reach the gateways.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[ConnectionStringProperty] = connectionString;
        foreach (var (key, value) in properties ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<Configurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder.Build();
    }

    /// <summary>Builds and deploys the cluster; disposing the answer stops it.</summary>
    public static async Task<PostgresTestCluster> StartAsync(string connectionString, string serviceId, int silos = 1, string? clusterId = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        var cluster = Build(connectionString, serviceId, silos, clusterId, properties);
        await cluster.DeployAsync();
        return new PostgresTestCluster(cluster);
    }

    private static ClusterSettings Settings(IConfiguration configuration) =>
        new() { ConnectionString = configuration[ConnectionStringProperty] };

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var settings = Settings(silo.Configuration);
            // A test that needs the silos' own logs (to find out why something failed) sets this property.
            if (silo.Configuration[SiloLogLevelProperty] is { } level)
                silo.Services.AddLogging(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
                    .SetMinimumLevel(Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(level)));
            silo.UsePostgresClustering(settings);
            silo.AddVoicePlatformServices(settings);
            // Telephony when the test gives a LiveKit (the emulator); the call watchdog's reminder at test speed.
            if (silo.Configuration.IsLiveKitConfigured()) silo.Services.AddLiveKit(silo.Configuration);
            silo.Services.Configure<CallWatchdogOptions>(o => o.ReminderPeriod = TimeSpan.FromSeconds(1));
            // Calls settle half a second after they end rather than waiting 20 s for a worker no test runs. (An inbound
            // call whose answer went unseen keeps production's LateAnswerGrace: the worker's report may come through an outage.)
            silo.Services.Configure<CallMeteringOptions>(o => o.SettlementGrace = TimeSpan.FromMilliseconds(500));
            // Reminders at test speed; production keeps Orleans' one-minute floor.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
            // Declare a killed silo dead in a few seconds rather than Orleans' default ~15 s.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Tolerant enough that a busy 2-core machine does not declare a live silo dead.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 3;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            var settings = Settings(configuration);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = PlatformSiloBuilderExtensions.PostgresInvariant;
                o.ConnectionString = settings.ConnectionString;
            });
            client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.AddMemoryStreams(StreamProviders.Live);
        }
    }
}
