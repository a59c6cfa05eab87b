using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using VoicePlatform.Tests.Infrastructure;
using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>
/// Drives Orleans' own AdoNetClusteringTable against our schema, one fresh ClusterId per test.
/// </summary>
public sealed class MembershipTableTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    // Whole seconds, so values survive PostgreSQL's microsecond precision exactly.
    private static readonly DateTime StartTime = new(2026, 3, 8, 6, 30, 0, DateTimeKind.Utc);

    private static int _nextPort = 11000;

    // The provider calls are bounded by Npgsql command timeouts; no extra cancellation is needed.
    private static readonly CancellationToken NoCancellation = CancellationToken.None;

    [Fact]
    public async Task InitializingTwiceAndConcurrentlyLeavesOneVersionRowAtZero()
    {
        var clusterId = NewClusterId();
        var first = CreateTable(clusterId);
        var second = CreateTable(clusterId);

        await Task.WhenAll(first.InitializeMembershipTableAsync(true, NoCancellation), second.InitializeMembershipTableAsync(true, NoCancellation));
        await first.InitializeMembershipTableAsync(true, NoCancellation);

        var data = await first.ReadAllAsync(NoCancellation);
        Assert.Empty(data.Members);
        Assert.Equal("0", data.Version.VersionEtag);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM orleans_membership_version WHERE deployment_id = '{clusterId}'"));
    }

    [Fact]
    public async Task InsertWithTheCurrentEtagAddsTheSiloAndRaisesTheVersion()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Joining);

        var inserted = await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation);

        Assert.True(inserted);
        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(1, data.Version.Version);
        var (entry, etag) = Assert.Single(data.Members);
        Assert.Equal("1", etag);
        Assert.Equal(silo.SiloAddress, entry.SiloAddress);
        Assert.Equal(SiloStatus.Joining, entry.Status);
        Assert.Equal(silo.HostName, entry.HostName);
        Assert.Equal(silo.SiloName, entry.SiloName);
        Assert.Equal(silo.ProxyPort, entry.ProxyPort);
        Assert.Equal(StartTime, entry.StartTime);
        Assert.Equal(DateTimeKind.Utc, entry.StartTime.Kind);
        Assert.Equal(silo.IAmAliveTime, entry.IAmAliveTime);
    }

    [Fact]
    public async Task ASecondInsertOfTheSameSiloFailsAndLeavesTheVersion()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));

        var again = await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation);

        Assert.False(again);
        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task InsertWithAStaleEtagFailsAndChangesNothing()
    {
        var table = await CreateInitializedTableAsync();
        var stale = (await table.ReadAllAsync(NoCancellation)).Version.Next();
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Joining), stale, NoCancellation));

        var inserted = await table.InsertRowAsync(NewEntry(SiloStatus.Joining), stale, NoCancellation);

        Assert.False(inserted);
        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task ParallelInsertsWithTheSameEtagHaveExactlyOneWinner()
    {
        var table = await CreateInitializedTableAsync();
        var version = (await table.ReadAllAsync(NoCancellation)).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => table.InsertRowAsync(NewEntry(SiloStatus.Joining), version, NoCancellation)));

        Assert.Single(results, inserted => inserted);
        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task UpdateChangesStatusSuspicionsAndAliveTimeAndRaisesTheVersion()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        var (read, etag) = (await table.ReadRowAsync(silo.SiloAddress, NoCancellation)).Members.Single();
        var suspector = SiloAddress.New(IPAddress.Loopback, 30000, 7);
        read.Status = SiloStatus.Active;
        read.IAmAliveTime = StartTime.AddMinutes(5);
        read.SuspectTimes = [Tuple.Create(suspector, StartTime.AddMinutes(4))];

        var updated = await table.UpdateRowAsync(read, etag, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation);

        Assert.True(updated);
        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(2, data.Version.Version);
        var entry = data.Members.Single().Item1;
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(StartTime.AddMinutes(5), entry.IAmAliveTime);
        var suspicion = Assert.Single(entry.SuspectTimes ?? []);
        Assert.Equal(suspector, suspicion.Item1);
        Assert.Equal(StartTime.AddMinutes(4), suspicion.Item2);
        Assert.Equal(silo.HostName, entry.HostName);
        Assert.Equal(StartTime, entry.StartTime);
    }

    [Fact]
    public async Task UpdateWithoutSuspicionsStoresNoSuspicions()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        var (read, etag) = (await table.ReadAllAsync(NoCancellation)).Members.Single();
        read.SuspectTimes = null;
        read.Status = SiloStatus.Active;

        Assert.True(await table.UpdateRowAsync(read, etag, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));

        var entry = (await table.ReadAllAsync(NoCancellation)).Members.Single().Item1;
        Assert.True(entry.SuspectTimes is null || entry.SuspectTimes.Count == 0);
        Assert.Equal(1L, await ScalarAsync(
            $"SELECT count(*) FROM orleans_membership WHERE address = '{silo.SiloAddress.Endpoint.Address}' AND port = {silo.SiloAddress.Endpoint.Port} AND suspect_times IS NULL"));
    }

    [Fact]
    public async Task UpdateWithAStaleTableVersionFailsAndChangesNothing()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        var (read, etag) = (await table.ReadAllAsync(NoCancellation)).Members.Single();
        read.Status = SiloStatus.Active;
        // Version 1 is current; offering etag "0" must be refused by the database.
        var stale = new TableVersion(1, "0");

        var updated = await table.UpdateRowAsync(read, "0", stale, NoCancellation);

        Assert.False(updated);
        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(SiloStatus.Joining, data.Members.Single().Item1.Status);
    }

    [Fact]
    public async Task ParallelUpdatesWithTheSameEtagHaveExactlyOneWinner()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        var data = await table.ReadAllAsync(NoCancellation);
        var (read, etag) = data.Members.Single();
        read.Status = SiloStatus.Active;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => table.UpdateRowAsync(read, etag, data.Version.Next(), NoCancellation)));

        Assert.Single(results, updated => updated);
        Assert.Equal(2, (await table.ReadAllAsync(NoCancellation)).Version.Version);
    }

    [Fact]
    public async Task UpdatingAnUnknownSiloFailsAndLeavesTheVersion()
    {
        var table = await CreateInitializedTableAsync();
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Joining), (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        var data = await table.ReadAllAsync(NoCancellation);

        var updated = await table.UpdateRowAsync(NewEntry(SiloStatus.Active), data.Version.VersionEtag, data.Version.Next(), NoCancellation);

        Assert.False(updated);
        Assert.Equal(1, (await table.ReadAllAsync(NoCancellation)).Version.Version);
    }

    [Fact]
    public async Task IAmAliveMovesTheHeartbeatButNotTheVersion()
    {
        var table = await CreateInitializedTableAsync();
        var silo = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        silo.IAmAliveTime = StartTime.AddMinutes(10);

        await table.UpdateIAmAliveAsync(silo, NoCancellation);

        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(StartTime.AddMinutes(10), data.Members.Single().Item1.IAmAliveTime);
    }

    [Fact]
    public async Task ReadingAnUnknownSiloReturnsNoEntryButTheVersion()
    {
        var table = await CreateInitializedTableAsync();
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Active), (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));

        var data = await table.ReadRowAsync(NewEntry(SiloStatus.Active).SiloAddress, NoCancellation);

        Assert.Empty(data.Members);
        Assert.Equal("1", data.Version.VersionEtag);
    }

    [Fact]
    public async Task GatewaysAreOnlyActiveSilosWithAProxyPort()
    {
        var clusterId = NewClusterId();
        var table = await CreateInitializedTableAsync(clusterId);
        var activeGateway = NewEntry(SiloStatus.Active);
        var activeWithoutGateway = NewEntry(SiloStatus.Active, proxyPort: 0);
        var joiningGateway = NewEntry(SiloStatus.Joining);
        var deadGateway = NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { activeGateway, activeWithoutGateway, joiningGateway, deadGateway })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        }

        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }));
        await provider.InitializeGatewayListProviderAsync(NoCancellation);

        var gateways = await provider.GetGatewaysAsync(NoCancellation);

        var gateway = Assert.Single(gateways);
        Assert.Equal(activeGateway.SiloAddress.Endpoint.Address.ToString(), gateway.Host);
        Assert.Equal(activeGateway.ProxyPort, gateway.Port);
    }

    [Fact]
    public async Task DefunctCleanupRemovesOnlyOldDeadSilos()
    {
        var table = await CreateInitializedTableAsync();
        var oldDead = NewEntry(SiloStatus.Dead);
        var oldActive = NewEntry(SiloStatus.Active);
        var recentDead = NewEntry(SiloStatus.Dead);
        recentDead.StartTime = StartTime.AddDays(2);
        recentDead.IAmAliveTime = StartTime.AddDays(2);
        foreach (var entry in new[] { oldDead, oldActive, recentDead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        }

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(StartTime.AddDays(1)), NoCancellation);

        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Equal(
            new[] { oldActive.SiloAddress, recentDead.SiloAddress }.OrderBy(a => a.ToString()),
            data.Members.Select(m => m.Item1.SiloAddress).OrderBy(a => a.ToString()));
        Assert.Equal(3, data.Version.Version);
    }

    [Fact]
    public async Task PerRowCleanupSparesASiloThatChangedAfterItWasRead()
    {
        var clusterId = NewClusterId();
        var table = await CreateInitializedTableAsync(clusterId);
        var dead = NewEntry(SiloStatus.Dead);
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        var cleanup = (await OrleansQueryCatalog.ReadAsync(database.ConnectionString))["CleanupDefunctSiloEntryKey"];

        // The values Orleans read, except a heartbeat that has moved on since.
        var staleDelete = await ExecuteCleanupAsync(cleanup, clusterId, dead, dead.IAmAliveTime.AddSeconds(-30));
        var currentDelete = await ExecuteCleanupAsync(cleanup, clusterId, dead, dead.IAmAliveTime);

        Assert.Equal(0, staleDelete);
        Assert.Equal(1, currentDelete);
        Assert.Empty((await table.ReadAllAsync(NoCancellation)).Members);
    }

    [Fact]
    public async Task TwoClustersInOneDatabaseDoNotSeeEachOther()
    {
        var greenClusterId = NewClusterId();
        var blue = await CreateInitializedTableAsync();
        var green = await CreateInitializedTableAsync(greenClusterId);
        Assert.True(await blue.InsertRowAsync(NewEntry(SiloStatus.Active), (await blue.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));
        Assert.True(await blue.InsertRowAsync(NewEntry(SiloStatus.Active), (await blue.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));

        var greenData = await green.ReadAllAsync(NoCancellation);
        await green.DeleteMembershipTableEntriesAsync(greenClusterId, NoCancellation);

        Assert.Empty(greenData.Members);
        Assert.Equal(0, greenData.Version.Version);
        var blueData = await blue.ReadAllAsync(NoCancellation);
        Assert.Equal(2, blueData.Members.Count);
        Assert.Equal(2, blueData.Version.Version);
    }

    [Fact]
    public async Task DeletingTheClusterRemovesSilosAndRestartsTheVersion()
    {
        var clusterId = NewClusterId();
        var table = await CreateInitializedTableAsync(clusterId);
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Active), (await table.ReadAllAsync(NoCancellation)).Version.Next(), NoCancellation));

        await table.DeleteMembershipTableEntriesAsync(clusterId, NoCancellation);
        await table.InitializeMembershipTableAsync(true, NoCancellation);

        var data = await table.ReadAllAsync(NoCancellation);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    private static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    private static MembershipEntry NewEntry(SiloStatus status, int proxyPort = -1)
    {
        var port = Interlocked.Increment(ref _nextPort);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Parse("10.0.0.7"), port, 42),
            SiloName = $"silo-{port}",
            HostName = "voice-node-1",
            Status = status,
            ProxyPort = proxyPort < 0 ? port + 10000 : proxyPort,
            StartTime = StartTime,
            IAmAliveTime = StartTime.AddSeconds(30),
        };
    }

    private AdoNetClusteringTable CreateTable(string clusterId, string? connectionString = null)
    {
        return new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString ?? database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
    }

    private async Task<AdoNetClusteringTable> CreateInitializedTableAsync(string? clusterId = null)
    {
        var table = CreateTable(clusterId ?? NewClusterId());
        await table.InitializeMembershipTableAsync(true, NoCancellation);
        return table;
    }

    private async Task<int> ExecuteCleanupAsync(string sql, string clusterId, MembershipEntry entry, DateTime iAmAliveTime)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("DeploymentId", clusterId);
        command.Parameters.AddWithValue("Address", entry.SiloAddress.Endpoint.Address.ToString());
        command.Parameters.AddWithValue("Port", entry.SiloAddress.Endpoint.Port);
        command.Parameters.AddWithValue("Generation", entry.SiloAddress.Generation);
        command.Parameters.Add(new NpgsqlParameter("SuspectTimes", System.Data.DbType.String) { Value = DBNull.Value });
        command.Parameters.AddWithValue("StartTime", entry.StartTime);
        command.Parameters.AddWithValue("IAmAliveTime", iAmAliveTime);
        return await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
