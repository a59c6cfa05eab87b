using VoicePlatform.Grains.DoNotCall;
using VoicePlatform.Silo.DoNotCall;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Silo.Leads;
using VoicePlatform.Silo.Logging;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using VoicePlatform.Calls;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Grains.Calls;
using VoicePlatform.Grains.Common;
using VoicePlatform.Grains.Telephony;
using VoicePlatform.Grains.Wallets;
using VoicePlatform.Silo.CallRecords;
using VoicePlatform.Silo.Storage;
using VoicePlatform.Silo.Wallets;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Silo.Webhooks;

namespace VoicePlatform.Silo.Hosting;

/// <summary>The one place that decides how a VoicePlatform silo stores state, finds its peers and keeps reminders.</summary>
public static class PlatformSiloBuilderExtensions
{
    public const string PostgresInvariant = "Npgsql";

    public static ISiloBuilder ConfigureVoicePlatform(this ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });

        if (settings.IsDevelopment)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        else
        {
            silo.UsePostgresClustering(settings);
            if (settings.AdvertisedAddress is { } address)
                silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }
        return silo.AddVoicePlatformServices(settings);
    }

    /// <summary>
    /// Everything but clustering and endpoints: storage, reminders, streams, filters, dashboard. Test
    /// clusters call this directly because they bring their own membership and ports.
    /// </summary>
    /// <summary>How often the live stream's pulling agents look for new events.</summary>
    public static readonly TimeSpan LiveStreamPollPeriod = TimeSpan.FromMilliseconds(20);

    public static ISiloBuilder AddVoicePlatformServices(this ISiloBuilder silo, ClusterSettings settings)
    {
        if (settings.IsDevelopment) silo.UseInMemoryProviders();
        else silo.UsePostgresProviders(settings);

        // Pulling agents look for new live events every 20 ms instead of Orleans' 100 ms: that wait was most of a
        // supervisor's delay (p50 76 → 18 ms, p99 121 → 29 ms at 200 events/s), for 1.6 % of a core on an idle host
        // (docs/performance-history.md, "Supervision").
        silo.AddMemoryStreams(StreamProviders.Live, b => b.ConfigurePullingAgent(o => o.Configure(p => p.GetQueueMsgsTimerPeriod = LiveStreamPollPeriod)));
        // Grain calls become spans of the caller's trace, only when tracing is configured (Operations/PlatformTracing).
        // First, so the correlation filter below runs inside the grain call's span and can tag it.
        if (VoicePlatform.Silo.Operations.PlatformTracing.IsEnabled(silo.Configuration)) silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<CorrelationIdGrainCallFilter>();
        if (!settings.IsDevelopment) silo.AddIncomingGrainCallFilter<VoicePlatform.Silo.Database.StorageOutageGrainCallFilter>();
        VoicePlatform.Silo.Database.DatabaseExceptionSerialization.AddDatabaseExceptionSerialization(silo.Services);
        // Orleans 10 leaves this off: a caller that gave up would otherwise keep the grain busy.
        silo.Configure<SiloMessagingOptions>(o => o.CancelRequestOnTimeout = true);
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = settings.GrainCollectionAge;
            // The collector runs once a quantum; a shortened age needs a matching quantum or it waits for the default minute.
            if (settings.GrainCollectionAge < o.CollectionQuantum) o.CollectionQuantum = settings.GrainCollectionAge / 2;
        });
        silo.AddDashboard();
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Parsed once, so a configured instant ("at:…") fixes one offset for the host's life.
        var callingOffset = CallingClock.ParseOffset(silo.Configuration[CallingClock.OffsetKey], TimeProvider.System.GetUtcNow());
        var callingRate = CallingClock.ParseRate(silo.Configuration[CallingClock.RateKey]);
        silo.Services.TryAddSingleton(sp => new CallingClock(sp.GetRequiredService<TimeProvider>(), callingOffset, callingRate));
        silo.Services.AddValidatedOptions<CallWatchdogOptions>(silo.Configuration);
        silo.Services.AddValidatedOptions<CallMeteringOptions>(silo.Configuration);
        silo.Services.AddValidatedOptions<CallRecordingOptions>(silo.Configuration);
        silo.Services.AddValidatedOptions<VoicePlatform.Grains.Campaigns.CampaignDialingOptions>(silo.Configuration);
        silo.Services.AddValidatedOptions<WalletOptions>(silo.Configuration).Configure(o => o.EventStreamProvider = StreamProviders.Live);
        silo.Services.AddOptions<VoicePlatform.Grains.Live.LiveEventOptions>().Configure(o => o.StreamProvider = StreamProviders.Live);
        // Each silo makes sure the cluster's live-call sweep is scheduled (idempotent): after a full restart it is
        // what wakes the calls that were live when the cluster went down.
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>()
            .GetGrain<ILiveCallSweeperGrain>(ILiveCallSweeperGrain.Key).StartAsync());
        silo.Services.AddValidatedOptions<TelephonyClaimOptions>(silo.Configuration);
        silo.Services.AddValidatedOptions<VoicePlatform.Grains.Security.SecretsOptions>(silo.Configuration);
        silo.Services.TryAddSingleton<VoicePlatform.Grains.Security.SecretProtector>();
        silo.AddOutboundWebhooks(settings);
        // Records older than platform-wide claims claim what they carry, once per cluster. In the background: a silo
        // must not wait for a pass over every tenant to join.
        silo.AddStartupTask((services, _) => StartClaimsBackfill(services));
        return silo;
    }

    /// <summary>
    /// Outbound webhooks: the sender (one connection pool per silo), the outbox hand-off, and the sweep's reminder. The
    /// all-in-one development mode allows http and loopback targets (a receiver on the developer's machine) unless
    /// <c>Webhooks:AllowedNetworks</c> says otherwise; production allows neither unless configured.
    /// </summary>
    private static void AddOutboundWebhooks(this ISiloBuilder silo, ClusterSettings settings)
    {
        var options = silo.Services.AddValidatedOptions<WebhookDeliveryOptions>(silo.Configuration);
        if (settings.IsDevelopment)
        {
            var httpsConfigured = silo.Configuration[$"{WebhookDeliveryOptions.SectionName}:{nameof(WebhookDeliveryOptions.RequireHttps)}"] is not null;
            options.Configure(o =>
            {
                if (!httpsConfigured) o.RequireHttps = false;
                if (o.AllowedNetworks.Count == 0) o.AllowedNetworks.AddRange(["127.0.0.0/8", "::1/128"]);
            });
        }
        silo.Services.TryAddSingleton<WebhookSender>();
        silo.Services.TryAddSingleton<TenantEventOutbox>();
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>()
            .GetGrain<VoicePlatform.Webhooks.IWebhookSweeperGrain>(VoicePlatform.Webhooks.IWebhookSweeperGrain.Key).StartAsync());
    }

    private static Task StartClaimsBackfill(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelephonyClaimsBackfill));
        var stopping = services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await TelephonyClaimsBackfill.RunAsync(services.GetRequiredService<IGrainFactory>(), logger, stopping);
            }
            catch (Exception e)
            {
                // A silo stopping mid-pass is no failure: the pass is idempotent and the next start runs it again.
                if (!stopping.IsCancellationRequested) logger.LogError(e, "Telephony claims backfill failed; it runs again at the next silo start");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Membership in PostgreSQL: silos find each other, and clients find gateways, through the same tables.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, ClusterSettings settings) =>
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = settings.ConnectionString;
        });

    private static void UseInMemoryProviders(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<IWalletLedgerStore, InMemoryWalletLedgerStore>();
        // Development stores state exactly as production does: the memory provider serializes every write, and its
        // default (JSON with CLR type names behind a type allow-list) cannot read back compiler-made collections
        // after an idle activation is collected.
        silo.AddMemoryGrainStorage(StorageNames.Platform, o => o.GrainStorageSerializer = new PlainJsonGrainStorageSerializer());
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.PubSub)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.UseInMemoryReminderService();
        silo.Services.TryAddSingleton<ICallRecordStore, InMemoryCallRecordStore>();
        silo.Services.TryAddSingleton<IDoNotCallStore, InMemoryDoNotCallStore>();
        silo.Services.TryAddSingleton<ILeadStore, InMemoryLeadStore>();
        silo.Services.TryAddSingleton<ILeadUploadStore, InMemoryLeadUploadStore>();
        silo.Services.TryAddSingleton<IWebhookStore, InMemoryWebhookStore>();
        silo.Services.TryAddSingleton<VoicePlatform.Grains.Audit.IAuditStore, VoicePlatform.Grains.Audit.InMemoryAuditStore>();
        // Nothing outlives this process here, secrets included: without a configured key, one made for this run.
        silo.Services.PostConfigure<VoicePlatform.Grains.Security.SecretsOptions>(o =>
            o.EncryptionKey ??= Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    private static void UsePostgresProviders(this ISiloBuilder silo, ClusterSettings settings)
    {
        var connectionString = settings.ConnectionString!;
        // Registered as itself too, so a host or benchmark can read its commit counts.
        silo.Services.TryAddSingleton(_ => new PostgresWalletLedgerStore(connectionString));
        silo.Services.TryAddSingleton<IWalletLedgerStore>(sp => sp.GetRequiredService<PostgresWalletLedgerStore>());
        silo.AddAdoNetGrainStorage(StorageNames.Platform, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new PlainJsonGrainStorageSerializer();
        });
        // Orleans' own subscription state holds runtime types (grain and stream ids) that only its binary
        // serializer understands; that format names types by alias or id, not CLR name.
        silo.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.PubSub)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        // Registered as itself too, so a host or benchmark can read its totals. The container disposes it after
        // the grains have stopped, and disposing commits whatever the grains queued last.
        silo.Services.TryAddSingleton(sp => new PostgresCallRecordStore(connectionString,
            sp.GetRequiredService<ILogger<PostgresCallRecordStore>>(), sp.GetService<IMeterFactory>()));
        silo.Services.TryAddSingleton<ICallRecordStore>(sp => sp.GetRequiredService<PostgresCallRecordStore>());
        silo.Services.TryAddSingleton<IDoNotCallStore>(_ => new PostgresDoNotCallStore(connectionString));
        silo.Services.TryAddSingleton(sp => new PostgresLeadStore(connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresLeadStore>>()));
        silo.Services.TryAddSingleton<ILeadStore>(sp => sp.GetRequiredService<PostgresLeadStore>());
        silo.Services.TryAddSingleton<ILeadUploadStore>(_ => new PostgresLeadUploadStore(connectionString));
        silo.Services.TryAddSingleton<IWebhookStore>(sp => new PostgresWebhookStore(connectionString, sp.GetService<TimeProvider>()));
        silo.Services.TryAddSingleton<VoicePlatform.Grains.Audit.IAuditStore>(_ => new VoicePlatform.Silo.Audit.PostgresAuditStore(connectionString));
    }
}
