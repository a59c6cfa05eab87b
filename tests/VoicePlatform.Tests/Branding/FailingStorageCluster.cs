using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using VoicePlatform.Grains.Common;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Tests.Branding;

/// <summary>A one-silo test cluster whose platform storage is <see cref="FailingStorage"/>, shared by the tests of a class.</summary>
public sealed class FailingStorageCluster : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public IGrainFactory Grains => _cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<Configurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddVoicePlatformServices(new ClusterSettings());
            // Replace the platform's storage with the failing one (same name, so the grains use it).
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Platform, (_, _) => new FailingStorage());
        }
    }
}
