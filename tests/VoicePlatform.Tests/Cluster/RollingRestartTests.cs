using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Leads;
using VoicePlatform.Wallets;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// A rolling restart under load: two silos on PostgreSQL run a campaign whose calls last a few seconds; each silo in
/// turn is stopped gracefully and replaced by a new one while calls are live. Graceful shutdown hands the live calls and
/// the campaign over (each registers a reminder due at once, which wakes it on a silo that stays). Nothing is lost: the
/// campaign finishes, no number is rung twice (counted from the emulator's own record of dials), no call is taken for
/// abandoned (a handed-over call keeps its agent's arrival), every call is settled exactly once, and the wallet equals
/// the opening balance less what the calls cost.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Leads = 30;
    private const long OpeningBalance = 1_000_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task RestartingEverySiloInTurnDuringACampaignLosesNothingAndChargesNothingTwice()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=0;hangup=4" }];
            o.AgentWorker.Enabled = true;
            o.AgentWorker.Converse = false;
        });
        var dialled = emulator.Services.GetRequiredService<SipCallSimulator>();
        var properties = ClusterCaller.LiveKitProperties(emulator);
        properties["Clock:Offset"] = "at:2026-12-09T17:00:00Z";
        properties["Campaigns:Dialing:ReminderPeriod"] = "00:00:02";
        properties["Campaigns:Dialing:ReconcileAfter"] = "00:00:10";
        properties["Calls:Metering:BlockDuration"] = "00:00:01";
        var connectionString = await PostgresServer.CreateDatabaseAsync("rolling");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "rolling-svc", silos: 2, properties: properties);
        var grains = cluster.GrainFactory;
        var caller = await ClusterCaller.CreateAsync(grains, ClusterCaller.LiveKitClientFor(emulator), OpeningBalance);

        var id = PrefixedId.New<CampaignId>();
        var campaign = grains.GetCampaign(caller.Tenant, id);
        Assert.Equal(WriteOutcome.Created, (await campaign.CreateAsync(new CampaignSettings
        {
            Name = "Rolling", AgentId = caller.Agent,
            Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 0, EndMinute = CallWindow.MinutesPerDay }],
            Pacing = new CampaignPacing { MaxConcurrentCalls = 6, MaxDialsPerMinute = 600 },
            RequireConsentForUsNumbers = false,
        })).Outcome);
        var phones = Enumerable.Range(0, Leads).Select(i => $"+1212556{i + 1000:0000}").ToList();
        await campaign.ImportLeadsAsync(new LeadImportSource { Rows = [.. phones.Select(p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["phone"] = p })] });
        Assert.Equal(CampaignStatus.Running, (await campaign.StartAsync()).Value!.Status);

        var restarts = new List<string>();
        foreach (var silo in cluster.Silos.ToList())
        {
            await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'dialing'") >= 3, "calls live before the restart");
            var live = await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'dialing'");
            var stopping = Stopwatch.StartNew();
            await cluster.Cluster.StopSiloAsync(silo);
            var stopped = stopping.Elapsed;
            await cluster.Cluster.StartAdditionalSiloAsync();
            var replaced = stopping.Elapsed;
            var mark = await ScalarAsync(connectionString, "SELECT max(last_dialed_at) FROM leads");
            await WaitAsync(async () => Convert.ToInt64(await ScalarAsync(connectionString, "SELECT count(*) FROM leads WHERE last_dialed_at > @mark", mark)) > 0
                || await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status NOT IN ('completed', 'dialing')") == 0, "dialing again after the restart");
            restarts.Add($"{silo.SiloAddress}: {live} calls live; stopped in {stopped.TotalSeconds:0.0} s, replaced in {replaced.TotalSeconds:0.0} s, dialing again after {stopping.Elapsed.TotalSeconds:0.0} s");
        }
        foreach (var line in restarts) output.WriteLine(line);

        try
        {
            await WaitAsync(async () => (await campaign.GetAsync())!.Status == CampaignStatus.Completed, "the campaign completed");
        }
        catch (Xunit.Sdk.XunitException)
        {
            var leads = await ScalarAsync(connectionString, "SELECT string_agg(status || ': ' || n, ', ') FROM (SELECT status, count(*) AS n FROM leads GROUP BY status) s");
            var calls = await ScalarAsync(connectionString, "SELECT string_agg(status || '/' || coalesce(end_reason, '-') || '/' || settled || (CASE WHEN abandoned THEN '/abandoned' ELSE '' END) || ': ' || n, ', ') FROM (SELECT status, end_reason, settled, abandoned, count(*) AS n FROM call_records GROUP BY 1, 2, 3, 4) c");
            Assert.Fail($"The campaign did not complete. Leads {leads}; calls {calls}; campaign {System.Text.Json.JsonSerializer.Serialize(await campaign.DescribeAsync())}");
        }
        Assert.Equal(Leads, await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'completed'"));
        // An agent was in every call: none may read as abandoned because its agent's arrival was forgotten in the handover.
        Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE abandoned"));
        var byNumber = dialled.Dialled.GroupBy(d => d.CallTo).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(phones, p => Assert.Equal((p, 1), (p, byNumber.GetValueOrDefault(p))));

        // Every call paid once: one reservation and one settlement each, nothing still reserved, the ledger adds up.
        await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE NOT settled") == 0, "every call settled");
        Assert.True(Leads == await CountAsync(connectionString, "SELECT count(*) FROM call_records"), await ScalarAsync(connectionString,
            "SELECT string_agg(r.lead_id || ' ' || r.call_id || ' ' || r.status || '/' || coalesce(r.end_reason, '-') || ' queued ' || r.queued_at || ': '"
            + " || (SELECT string_agg(e.type || ' ' || e.detail || ' @' || e.at, '; ' ORDER BY e.id) FROM call_events e WHERE e.call_id = r.call_id), E'\n')"
            + " FROM call_records r WHERE r.lead_id IN (SELECT lead_id FROM call_records GROUP BY lead_id HAVING count(*) > 1)") as string);
        Assert.Equal(0, await CountAsync(connectionString,
            "SELECT count(*) FROM (SELECT reference FROM wallet_ledger WHERE kind IN ('reserve', 'settle') AND status = 'applied' GROUP BY reference, kind HAVING count(*) > 1) twice"));
        Assert.Equal(Leads, await CountAsync(connectionString, "SELECT count(*) FROM wallet_ledger WHERE kind = 'settle' AND status = 'applied'"));
        var charged = await CountAsync(connectionString, "SELECT coalesce(sum(cost_total), 0) FROM call_records");
        var wallet = await grains.GetWallet(caller.Tenant).GetAsync();
        Assert.Equal(0, wallet.Reserved);
        Assert.Equal(OpeningBalance - charged, wallet.Balance);
        Assert.Equal(wallet.Balance, await CountAsync(connectionString, "SELECT coalesce(sum(balance_change), 0) FROM wallet_ledger"));
        output.WriteLine($"{Leads} leads, {dialled.Dialled.Count} dials, 0 rung twice; charged {charged}, money drift {OpeningBalance - charged - wallet.Balance}");
    }

    private static Task<long> CountAsync(string connectionString, string sql) => DatabaseProbe.CountAsync(connectionString, sql);

    private static Task<object?> ScalarAsync(string connectionString, string sql, object? mark = null) => DatabaseProbe.ScalarAsync(connectionString, sql, mark);

    private static Task WaitAsync(Func<Task<bool>> condition, string what) => DatabaseProbe.WaitAsync(condition, what, Patience);
}
