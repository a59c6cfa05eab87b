using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// A live call outlives a full cluster restart on PostgreSQL, and the cluster's live-call sweep alone (one reminder,
/// reading the call-record projection) brings its watchdog back.
/// </summary>
public sealed class LiveCallRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ACallThatEndedWhileTheClusterWasDownIsClosedByTheSweepAfterARestart()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=1" }];
        });
        var liveKit = ClusterCaller.LiveKitClientFor(emulator);
        var properties = ClusterCaller.LiveKitProperties(emulator);
        var connectionString = await PostgresServer.CreateDatabaseAsync("livecall");
        var call = PrefixedId.New<CallId>();

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "livecall-svc", properties: properties);
        var grains = first.GrainFactory;
        var (tenant, agent, _) = await ClusterCaller.CreateAsync(grains, liveKit, openingBalance: 10_000);

        await grains.GetCall(tenant, call).PlaceAsync(new PlaceCall { AgentId = agent, To = "+14155550123" });
        await WaitAsync(async () => (await grains.GetCall(tenant, call).GetAsync())!.Status == CallStatus.Answered, "the call was answered");
        await first.StopAsync();

        // While the cluster is down the call ends at LiveKit, and its webhooks reach no one.
        var room = Assert.Single(await liveKit.ListRoomsAsync());
        await liveKit.DeleteRoomAsync(room.Name);

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "livecall-svc", properties: properties);
        // Watch the stored row, not the grain: asking the grain would activate it and prove nothing about the sweep.
        await WaitAsync(async () => (await StoredCallJsonAsync(connectionString, tenant, call)).Contains("\"status\":\"ended\""), "the sweep woke the call and its watchdog ended it");
        var ended = await second.GrainFactory.GetCall(tenant, call).GetAsync();
        Assert.Equal(CallStatus.Ended, ended!.Status);
        Assert.NotNull(ended.AnsweredAt);
        // The list shows it ended too, and the only reminder is the cluster's sweep: none per call.
        Assert.Equal("ended", await ScalarAsync(connectionString, "SELECT status FROM call_records WHERE call_id = @call", call.Value));
        Assert.Equal("0", await ScalarAsync(connectionString, "SELECT count(*)::text FROM orleans_reminder WHERE grain_id LIKE '%' || @call || '%'", call.Value));

        // Paid for exactly once across the restart: one reservation, one settlement, and the balance moved by the price.
        await WaitAsync(async () => await ScalarAsync(connectionString, "SELECT settled::text FROM call_records WHERE call_id = @call", call.Value) == "true", "the call settled");
        var cost = (await second.GrainFactory.GetCall(tenant, call).GetCostAsync())!;
        Assert.True(cost.Settled);
        Assert.Equal("1", await ScalarAsync(connectionString, "SELECT count(*)::text FROM wallet_ledger WHERE reference = @call AND kind = 'reserve' AND status = 'applied'", call.Value));
        Assert.Equal("1", await ScalarAsync(connectionString, "SELECT count(*)::text FROM wallet_ledger WHERE reference = @call AND kind = 'settle'", call.Value));
        var wallet = await second.GrainFactory.GetGrain<IWalletGrain>(tenant.Value).GetAsync();
        Assert.Equal(10_000 - cost.Cost!.Total + cost.Refunded, wallet.Balance);
        Assert.Equal(0, wallet.Reserved);
    }

    private static async Task<string> StoredCallJsonAsync(string connectionString, TenantId tenant, CallId call)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload_binary, 'UTF8') FROM orleans_grain_state WHERE grain_id_extension_string = @key AND payload_binary IS NOT NULL", connection);
        command.Parameters.AddWithValue("key", TenantScopedKey.Format(tenant, call));
        return (string?)await command.ExecuteScalarAsync() ?? "";
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql, string call)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("call", call);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }
}
