using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.Storage.TestGrains;
using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>
/// One in-process silo whose grain storage is the ADO.NET provider on a fresh migrated database.
/// </summary>
public sealed class GrainStorageClusterFixture : IAsyncLifetime
{
    /// <summary>A second provider on the same tables that deletes rows on clear.</summary>
    public const string DeletingStorageName = "postgres-delete-on-clear";

    private const string ConnectionStringKey = "VoicePlatformTests:PostgresConnectionString";

    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public string ConnectionString { get; private set; } = string.Empty;

    public IGrainStorage Storage(string name) =>
        (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The storage tests need an in-process silo.")).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(name);

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("grain_storage");
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(configuration =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionStringKey] = ConnectionString }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    // TestCluster creates configurators by type, so the connection string travels through configuration.
    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey]
                ?? throw new InvalidOperationException($"{ConnectionStringKey} is not configured.");
            siloBuilder.AddAdoNetGrainStorage(StorageProbeGrain.StorageName, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            siloBuilder.AddAdoNetGrainStorage(DeletingStorageName, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
                options.DeleteStateOnClear = true;
            });
        }
    }
}
