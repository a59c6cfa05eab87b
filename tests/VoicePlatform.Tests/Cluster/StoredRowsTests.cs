using System.Text;
using Npgsql;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Cluster;

/// <summary>What actually lands in PostgreSQL: the platform's state and Orleans' stream subscriptions, with no CLR type names.</summary>
public sealed class StoredRowsTests
{
    [Fact]
    public async Task GrainStateAndStreamSubscriptionsAreStoredWithoutClrTypeNames()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("rows");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "rows-svc");
        var tenantId = TenantId.New();
        await cluster.GrainFactory.GetTenant(tenantId).CreateAsync(new CreateTenant { Name = "Rows", Settings = TenantSettings.Default });

        var key = "probe-" + Guid.NewGuid().ToString("N");
        await cluster.GrainFactory.GetGrain<IStreamProbeGrain>(key).SubscribeAsync();
        var stream = cluster.Client.GetStreamProvider(StreamProviders.Live).GetStream<string>(StreamId.Create("test-probe", key));
        await stream.OnNextAsync("hello");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!(await cluster.GrainFactory.GetGrain<IStreamProbeGrain>(key).ReceivedAsync()).Contains("hello"))
                await Task.Delay(50, timeout.Token);
        }

        var rows = new List<(string StateName, byte[] Payload)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT grain_type_string, payload_binary FROM orleans_grain_state WHERE service_id = 'rows-svc' AND payload_binary IS NOT NULL", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), (byte[])reader[1]));
        }

        var tenantRow = Assert.Single(rows, r => r.StateName == "tenant");
        var json = Encoding.UTF8.GetString(tenantRow.Payload);
        Assert.StartsWith("{", json);
        Assert.Contains("\"name\":\"Rows\"", json);
        Assert.Contains(rows, r => r.StateName == "tenant-directory");
        Assert.Contains(rows, r => r.StateName != "tenant" && r.StateName != "tenant-directory");

        foreach (var (stateName, payload) in rows)
        {
            var text = Encoding.Latin1.GetString(payload);
            Assert.DoesNotContain("$type", text);
            Assert.DoesNotContain("VoicePlatform.", text);
            Assert.DoesNotContain("System.", text);
            Assert.False(text.Contains("Orleans.") && text.Contains("Version="), $"{stateName} holds an assembly-qualified type name");
        }
    }
}
