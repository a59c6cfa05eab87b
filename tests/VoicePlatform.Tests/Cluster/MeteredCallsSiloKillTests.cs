using Orleans.TestingHost;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Metered calls on two silos on PostgreSQL, one silo killed while they are connected and paying block by block:
/// the survivor carries on — each call the dead silo held taking its answer back from its history, since the answer is
/// not written to grain state — and when the calls end each is settled exactly once, answered when it really was, and the
/// wallet moved by exactly the sum of their prices — no debit lost, none twice.
/// </summary>
public sealed class MeteredCallsSiloKillTests
{
    private const int Calls = 6;
    private const long OpeningBalance = 100_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KillingASiloInTheMiddleOfMeteredCallsLosesNoDebitAndChargesNothingTwice()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o => o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=0" }]);
        var liveKit = ClusterCaller.LiveKitClientFor(emulator);
        var properties = ClusterCaller.LiveKitProperties(emulator);
        properties["Calls:Metering:BlockDuration"] = "00:00:01";
        var connectionString = await PostgresServer.CreateDatabaseAsync("meteredkill");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "meteredkill-svc", silos: 2, properties: properties);
        var grains = cluster.GrainFactory;
        var caller = await ClusterCaller.CreateAsync(grains, liveKit, OpeningBalance);
        var calls = Enumerable.Range(0, Calls).Select(_ => PrefixedId.New<CallId>()).ToList();
        for (var i = 0; i < Calls; i++)
            await grains.GetCall(caller.Tenant, calls[i]).PlaceAsync(new PlaceCall { AgentId = caller.Agent, To = $"+1415555{i:D4}" });
        await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE answered_at IS NOT NULL") == Calls, "every call answered");
        // Paying as they go: every call has debited blocks before the kill.
        await WaitAsync(async () => await CountAsync(connectionString,
            "SELECT count(DISTINCT reference) FROM wallet_ledger WHERE kind = 'debit' AND status = 'applied'") == Calls, "every call debited a block");

        // The answer is in each call's record and history, not in its grain state: a call of the dead silo must take it back.
        var answeredAt = new Dictionary<CallId, DateTimeOffset>();
        foreach (var call in calls) answeredAt[call] = (await grains.GetCall(caller.Tenant, call).GetAsync())!.AnsweredAt!.Value;

        await cluster.KillSiloAsync(cluster.Silos[1]);
        // The calls the dead silo held come back on the survivor (the sweep wakes them) and keep paying.
        var lastEntryAtKill = await CountAsync(connectionString, "SELECT max(sequence) FROM wallet_ledger");
        await WaitAsync(async () => await CountAsync(connectionString,
            $"SELECT count(DISTINCT reference) FROM wallet_ledger WHERE kind = 'debit' AND status = 'applied' AND sequence > {lastEntryAtKill}") == Calls,
            "every call debited again after the kill");

        // The callees hang up (the rooms go); the watchdogs see it and the calls settle.
        foreach (var room in await liveKit.ListRoomsAsync()) await liveKit.DeleteRoomAsync(room.Name);
        await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE settled") == Calls, "every call settled");

        long charged = 0;
        foreach (var call in calls)
        {
            var view = (await grains.GetCall(caller.Tenant, call).GetAsync())!;
            Assert.Equal((CallEndReason.Completed, answeredAt[call]), (view.EndReason!.Value, view.AnsweredAt!.Value));
            var cost = (await grains.GetCall(caller.Tenant, call).GetCostAsync())!;
            Assert.True(cost.Settled);
            Assert.Equal(0, cost.Shortfall);
            charged += cost.Cost!.Total;
            Assert.Equal(1, await CountAsync(connectionString, $"SELECT count(*) FROM wallet_ledger WHERE reference = '{call.Value}' AND kind = 'settle'"));
            Assert.Equal(1, await CountAsync(connectionString, $"SELECT count(*) FROM wallet_ledger WHERE reference = '{call.Value}' AND kind = 'reserve'"));
        }
        var wallet = await grains.GetWallet(caller.Tenant).GetAsync();
        Assert.Equal(OpeningBalance - charged, wallet.Balance);
        Assert.Equal(0, wallet.Reserved);
        // The ledger agrees with itself: its entries add up to the balance.
        Assert.Equal(wallet.Balance, await CountAsync(connectionString, "SELECT coalesce(sum(balance_change), 0) FROM wallet_ledger"));
    }

    private static Task<long> CountAsync(string connectionString, string sql) => DatabaseProbe.CountAsync(connectionString, sql);

    private static Task WaitAsync(Func<Task<bool>> condition, string what) => DatabaseProbe.WaitAsync(condition, what, Patience);
}
