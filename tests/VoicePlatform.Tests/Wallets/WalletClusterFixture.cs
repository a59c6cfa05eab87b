using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VoicePlatform.Grains.Wallets;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Tests.Wallets;

/// <summary>
/// One-silo clusters with the platform's in-memory providers and one ledger store for the whole test run, which
/// outlives any cluster: a test may stop a cluster and start another on the same ledger, as after a restart. The
/// store fails on demand (<see cref="FaultyWalletLedgerStore"/>), and wallets remember few keys, so repeats of older
/// keys are caught by the ledger's unique key rather than by memory.
/// </summary>
public sealed class WalletClusterFixture : IAsyncLifetime
{
    public const int RecentKeys = 64;

    public static FaultyWalletLedgerStore Store { get; } = new(new InMemoryWalletLedgerStore());

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() => Cluster = await StartClusterAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>A new cluster on the shared ledger (its grains and their memory start empty; the ledger does not).</summary>
    public static async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<Configurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddVoicePlatformServices(new ClusterSettings());
            silo.Services.AddSingleton<IWalletLedgerStore>(Store);
            silo.Services.Configure<WalletOptions>(o => o.RecentKeys = RecentKeys);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(StreamProviders.Live);
    }
}

[CollectionDefinition(Name)]
public sealed class WalletClusterCollection : ICollectionFixture<WalletClusterFixture>
{
    public const string Name = "wallet cluster";
}
