using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Cluster;

/// <summary>The platform's grains on real PostgreSQL membership, storage and reminders, across restarts and silo loss.</summary>
public sealed class PostgresClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TenantStateSurvivesAFullClusterRestart()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("restart");
        var tenantId = TenantId.New();

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "restart-svc");
        await first.GrainFactory.GetTenant(tenantId).CreateAsync(new CreateTenant
        {
            Name = "Survivor",
            Settings = TenantSettings.Default with { Currency = "GBP", DefaultTimeZone = "Europe/London" },
        });
        await first.GrainFactory.GetTenant(tenantId).SuspendAsync("checking persistence");
        await first.StopAsync();

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "restart-svc");
        var tenant = await second.GrainFactory.GetTenant(tenantId).GetAsync();
        Assert.NotNull(tenant);
        Assert.Equal("Survivor", tenant.Name);
        Assert.Equal("GBP", tenant.Settings.Currency);
        Assert.Equal(TenantStatus.Suspended, tenant.Status);
        var listed = await second.GrainFactory.GetTenantDirectory().ListAsync(null, 200);
        Assert.Contains(listed.Items, t => t.Id == tenantId);
    }

    [Fact]
    public async Task AReminderRegisteredBeforeARestartFiresAfterIt()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("reminder");
        var key = "reminder-" + Guid.NewGuid().ToString("N");

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "reminder-svc");
        var firstTick = ReminderTicks.NextAsync(key);
        await first.GrainFactory.GetGrain<IReminderProbeGrain>(key).StartAsync(TimeSpan.FromSeconds(1));
        await firstTick.WaitAsync(Patience);
        await first.StopAsync();

        // Nothing in the new cluster touches the grain: only the reminder row in PostgreSQL can wake it.
        ReminderTicks.Reset(key);
        var afterRestart = ReminderTicks.NextAsync(key);
        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "reminder-svc");
        await afterRestart.WaitAsync(Patience);
        await second.GrainFactory.GetGrain<IReminderProbeGrain>(key).StopAsync();
    }

    [Fact]
    public async Task TwoSilosFormOneClusterAndTheSurvivorServesAKilledSilosGrains()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("twosilos");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "two-silos-svc", silos: 2);
        var management = cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        var joined = DateTime.UtcNow + Patience;
        while ((await management.GetHosts(onlyActive: true)).Count != 2)
        {
            Assert.True(DateTime.UtcNow < joined, "both silos became active in time");
            await Task.Delay(100);
        }

        var victim = cluster.SecondarySilos[0];
        var victimIdentity = victim.SiloAddress.ToString();
        string? probeKey = null;
        for (var i = 0; i < 200 && probeKey is null; i++)
        {
            var key = $"probe-{i}-{Guid.NewGuid():N}";
            var (silo, _) = await cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(key).IncrementAsync();
            if (silo.Contains($":{victim.SiloAddress.Endpoint.Port}:")) probeKey = key;
        }
        Assert.NotNull(probeKey);

        await cluster.KillSiloAsync(victim);

        var deadline = DateTime.UtcNow + Patience;
        while (await ActiveHostsAsync(management) != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the killed silo was declared dead in time");
            await Task.Delay(250);
        }

        // The client may still hold the dead silo's gateway for a moment; a call that fails in transit is retried
        // (the probe's count proves it ran exactly once more).
        (string Silo, int Count) after = default;
        while (true)
        {
            try
            {
                after = await cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(probeKey).IncrementAsync();
                break;
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the survivor served the grain in time ({e.GetType().Name})");
                await Task.Delay(250);
            }
        }
        var (survivor, count) = after;
        Assert.DoesNotContain($":{victim.SiloAddress.Endpoint.Port}:", survivor);
        Assert.Equal(2, count);
        Assert.NotEqual(victimIdentity, survivor);
    }

    /// <summary>
    /// Active silos, or -1 while the question itself is lost: the management grain answering it may have lived on
    /// the killed silo, and until the death is declared the call times out rather than failing over.
    /// </summary>
    private static async Task<int> ActiveHostsAsync(IManagementGrain management)
    {
        try
        {
            return (await management.GetHosts(onlyActive: true)).Count;
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            return -1;
        }
    }
}
