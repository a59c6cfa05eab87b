using System.Text;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Leads;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Production mode, two silos on PostgreSQL: the silo reading a lead import job is killed part-way; the job resumes on
/// the survivor by its reminder, from the parts stored in PostgreSQL, and every lead of the list ends up in the
/// campaign exactly once.
/// </summary>
public sealed class LeadImportSiloKillTests(ITestOutputHelper output)
{
    private const int Parts = 12;
    private const int RowsPerPart = 2_000;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task KillingTheJobsSiloResumesItOnTheSurvivorAndEveryLeadLandsOnce()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(_ => { });
        var properties = ClusterCaller.LiveKitProperties(emulator);
        properties["Campaigns:Dialing:ReminderPeriod"] = "00:00:02";
        var connectionString = await PostgresServer.CreateDatabaseAsync("importkill");
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "importkill-svc", silos: 2, properties: properties);
        var grains = cluster.GrainFactory;
        var caller = await ClusterCaller.CreateAsync(grains, ClusterCaller.LiveKitClientFor(emulator), 1_000_000);
        var campaignId = PrefixedId.New<CampaignId>();
        Assert.Equal(WriteOutcome.Created, (await grains.GetCampaign(caller.Tenant, campaignId).CreateAsync(new CampaignSettings
        {
            Name = "Big list", AgentId = caller.Agent, RequireConsentForUsNumbers = false,
            Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 9 * 60, EndMinute = 17 * 60 }],
        })).Outcome);

        var importId = PrefixedId.New<LeadImportId>();
        var job = grains.GetLeadImport(caller.Tenant, importId);
        for (var sequence = 0; sequence < Parts; sequence++)
        {
            var csv = new StringBuilder("phone,name\n");
            for (var row = 0; row < RowsPerPart; row++) csv.Append($"+1212{3_000_000 + sequence * RowsPerPart + row},Lead\n");
            var part = new LeadUploadPart { Sequence = sequence, RowOffset = sequence * RowsPerPart, Rows = RowsPerPart, Source = new LeadImportSource { Csv = csv.ToString() } };
            Assert.Equal(WriteOutcome.Ok, (await job.AppendAsync(campaignId, part)).Outcome);
        }
        Assert.Equal(WriteOutcome.Ok, (await job.SealAsync(campaignId, Parts)).Outcome);

        await DatabaseProbe.WaitAsync(async () => (await job.GetAsync(campaignId)).Value!.PartsProcessed >= 2, "two parts read before the kill", Patience);
        var host = await cluster.SiloOfAsync("lead-import", TenantScopedKey.Format(caller.Tenant, importId));
        await cluster.KillSiloAsync(host);
        var atKill = await DatabaseProbe.CountAsync(connectionString, $"SELECT count(*) FROM leads WHERE campaign_id = '{campaignId}'");
        output.WriteLine($"{atKill} leads in the campaign when the job's silo was killed");
        Assert.True(atKill < Parts * RowsPerPart, "the job finished before the kill");

        LeadImportJob? finished = null;
        await DatabaseProbe.WaitAsync(async () => (finished = (await job.GetAsync(campaignId)).Value)?.Status == LeadImportStatus.Completed, "the job completed on the survivor", Patience);
        Assert.Equal(Parts * RowsPerPart, await DatabaseProbe.CountAsync(connectionString, $"SELECT count(*) FROM leads WHERE campaign_id = '{campaignId}'"));
        Assert.Equal(Parts * RowsPerPart, await DatabaseProbe.CountAsync(connectionString, $"SELECT count(DISTINCT phone) FROM leads WHERE campaign_id = '{campaignId}'"));
        // Every row read: the part in flight at the kill may be read twice, its leads then counted as already there.
        Assert.Equal((Parts, Parts * RowsPerPart), (finished!.PartsProcessed, finished.Added + finished.AlreadyInCampaign));
        Assert.InRange(finished.AlreadyInCampaign, 0, RowsPerPart);
        Assert.Equal(0, await DatabaseProbe.CountAsync(connectionString, $"SELECT count(*) FROM lead_upload_parts WHERE import_id = '{importId}'"));
    }
}
