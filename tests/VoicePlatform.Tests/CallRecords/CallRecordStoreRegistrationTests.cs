using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Silo.CallRecords;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Tests.CallRecords;

/// <summary>Which store a silo gets: PostgreSQL with a database, memory in development mode.</summary>
public sealed class CallRecordStoreRegistrationTests
{
    [Fact]
    public async Task APostgresSiloGetsThePostgresStoreAndADevelopmentSiloTheInMemoryOne()
    {
        // Built, not started: the store connects only when it is first used.
        var postgres = await ResolveAsync(new ClusterSettings { ConnectionString = "Host=127.0.0.1;Database=unused" });
        var development = await ResolveAsync(new ClusterSettings());

        Assert.IsType<PostgresCallRecordStore>(postgres);
        Assert.IsType<InMemoryCallRecordStore>(development);
    }

    private static async Task<ICallRecordStore> ResolveAsync(ClusterSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddVoicePlatformServices(settings));
        var host = builder.Build();
        try
        {
            var store = host.Services.GetRequiredService<ICallRecordStore>();
            if (store is PostgresCallRecordStore) Assert.Same(store, host.Services.GetRequiredService<PostgresCallRecordStore>());
            return store;
        }
        finally
        {
            if (host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
            else host.Dispose();
        }
    }
}
