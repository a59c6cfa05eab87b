using Orleans.TestingHost;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// A deployed test cluster on PostgreSQL (<see cref="PostgresClusterBuilder.StartAsync"/>) that stops its silos and
/// disposes itself exactly once however the test ends: <c>await using</c> it, and call <see cref="StopAsync"/> where a
/// restart test ends the cluster's first life.
/// </summary>
public sealed class PostgresTestCluster(TestCluster cluster) : IAsyncDisposable
{
    private bool _stopped;

    public TestCluster Cluster => cluster;

    public IGrainFactory GrainFactory => cluster.GrainFactory;

    public IClusterClient Client => cluster.Client;

    public IReadOnlyList<SiloHandle> Silos => cluster.Silos;

    public IReadOnlyList<SiloHandle> SecondarySilos => cluster.SecondarySilos;

    public Task KillSiloAsync(SiloHandle silo) => cluster.KillSiloAsync(silo);

    /// <summary>The silo holding the activation of the grain of type <paramref name="grainType"/> keyed <paramref name="key"/>.</summary>
    public async Task<SiloHandle> SiloOfAsync(string grainType, string key)
    {
        var statistics = await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var silo = statistics.Single(s => s.GrainId.Key.ToString() == key && s.GrainId.Type.ToString() == grainType).SiloAddress;
        return Silos.Single(s => s.SiloAddress.Equals(silo));
    }

    public async ValueTask StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => StopAsync();
}
