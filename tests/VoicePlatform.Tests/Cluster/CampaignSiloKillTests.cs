using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Leads;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// A campaign on two silos on PostgreSQL, the silo that holds it killed mid-campaign: it resumes on the survivor within
/// the failure-detection time plus one reminder period, finishes every lead, rings no number twice (counted from the
/// emulator's own record of dials), and the calls that were live during the failure still land on their leads.
/// </summary>
public sealed class CampaignSiloKillTests(ITestOutputHelper output)
{
    private const int Leads = 40;
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KillingTheCampaignsSiloResumesItOnTheSurvivorWithNoLeadDialedTwice()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            // Calls outlast the failover (death declared, the sweeper's reminder, the first watchdog look): the emulator's
            // webhooks go to a sink here, so a call answered and hung up entirely while its grain had no silo leaves no
            // trace of its answer, and would read as a failure that the retry policy dials again an hour later.
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=0;hangup=10" }];
            // An agent joins every room (silently): without one every answered call would be abandoned and the
            // campaign would pause itself for its abandon rate.
            o.AgentWorker.Enabled = true;
            o.AgentWorker.Converse = false;
        });
        var dialled = emulator.Services.GetRequiredService<SipCallSimulator>();
        var properties = ClusterCaller.LiveKitProperties(emulator);
        // Noon on a Wednesday in New York, whatever the real hour.
        properties["Clock:Offset"] = "at:2026-12-09T17:00:00Z";
        properties["Campaigns:Dialing:ReminderPeriod"] = ReminderPeriod.ToString();
        properties["Campaigns:Dialing:ReconcileAfter"] = "00:00:10";
        var connectionString = await PostgresServer.CreateDatabaseAsync("campaignkill");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "campaignkill-svc", silos: 2, properties: properties);
        var grains = cluster.GrainFactory;
        var caller = await ClusterCaller.CreateAsync(grains, ClusterCaller.LiveKitClientFor(emulator), 1_000_000);

        var id = PrefixedId.New<CampaignId>();
        var campaign = grains.GetCampaign(caller.Tenant, id);
        Assert.Equal(WriteOutcome.Created, (await campaign.CreateAsync(new CampaignSettings
        {
            Name = "Failover", AgentId = caller.Agent,
            Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 0, EndMinute = CallWindow.MinutesPerDay }],
            Pacing = new CampaignPacing { MaxConcurrentCalls = 10, MaxDialsPerMinute = 600 },
            RequireConsentForUsNumbers = false,
        })).Outcome);
        var phones = Enumerable.Range(0, Leads).Select(i => $"+1212555{i + 1000:0000}").ToList();
        var imported = await campaign.ImportLeadsAsync(new LeadImportSource { Rows = [.. phones.Select(p => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["phone"] = p })] });
        Assert.Equal(Leads, imported.Value!.Added);
        Assert.Equal(CampaignStatus.Running, (await campaign.StartAsync()).Value!.Status);

        await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'completed'") >= 10, "some leads completed before the kill");
        var host = await cluster.SiloOfAsync("campaign", TenantScopedKey.Format(caller.Tenant, id));
        var liveAtKill = await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'dialing'");
        var killedAt = Stopwatch.StartNew();
        await cluster.KillSiloAsync(host);
        // Claims are stamped on the calling clock; anything claimed later than this was claimed by the survivor.
        var lastClaimBeforeKill = await ScalarAsync(connectionString, "SELECT max(last_dialed_at) FROM leads");

        // The management grain may itself have lived on the killed silo: until its death is declared a question to it
        // goes unanswered, so each is given up after a second and asked again (the default 30 s would hold the test).
        await WaitAsync(async () =>
        {
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                return (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, giveUp.Token)).Count == 1;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OperationCanceledException)
            {
                return false;
            }
        }, "the killed silo declared dead");
        output.WriteLine($"Silo declared dead {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        // Dialing goes on from the survivor once a slot is free: the attempts live at the kill hold theirs until their
        // calls are seen to end (here by the call watchdog's poll, as the emulator's webhooks go to a sink).
        await WaitAsync(async () => Convert.ToInt64(await ScalarAsync(connectionString, "SELECT count(*) FROM leads WHERE last_dialed_at > @mark", lastClaimBeforeKill)) > 0, "a claim after the kill");
        var resumedAfter = killedAt.Elapsed;
        output.WriteLine($"Campaign resumed {resumedAfter.TotalSeconds:0.0} s after its silo was killed ({liveAtKill} attempts in flight)");

        try
        {
            // Slow by design, not stuck: the emulator's webhooks go to a sink, so every call's end is learned by its
            // watchdog's 10-second poll (about a minute for the list alone, and more on a busy machine).
            await DatabaseProbe.WaitAsync(async () => (await campaign.GetAsync())!.Status == CampaignStatus.Completed, "the campaign completed", TimeSpan.FromMinutes(5));
        }
        catch (Xunit.Sdk.XunitException)
        {
            Assert.Fail($"The campaign did not complete; it reads {System.Text.Json.JsonSerializer.Serialize(await campaign.DescribeAsync())}");
        }
        Assert.Equal(Leads, await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'completed'"));
        Assert.Equal(Leads, await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE attempts = 1 AND jsonb_array_length(attempt_log) = 1"));
        var byNumber = dialled.Dialled.GroupBy(d => d.CallTo).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(phones, p => Assert.Equal((p, 1), (p, byNumber.GetValueOrDefault(p))));
        // Failure detection (here under a second: the dead silo's connections drop), one reminder period, and the end of
        // the calls in flight (the answered-call watchdog polls every 10 s when no webhook says so).
        Assert.True(resumedAfter < TimeSpan.FromSeconds(30), $"resumed after {resumedAfter}");
    }

    private static Task<long> CountAsync(string connectionString, string sql) => DatabaseProbe.CountAsync(connectionString, sql);

    private static Task<object?> ScalarAsync(string connectionString, string sql, object? mark = null) => DatabaseProbe.ScalarAsync(connectionString, sql, mark);

    private static Task WaitAsync(Func<Task<bool>> condition, string what) => DatabaseProbe.WaitAsync(condition, what, Patience);
}
