using System.Diagnostics;
using System.Text;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Silo.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Leads;

/// <summary>
/// Lead import end to end as the platform does it — CSV text parsed and checked (<see cref="LeadListParser"/>), each lead
/// admitted with its next lawful time (<see cref="LeadAdmission"/>: zones, federal and state rules), then one binary COPY
/// into the lead table — and the dial queue's read cost (the next 50 due leads) for a campaign of 100 leads next to one
/// of the largest size imported, in the same run on the same PostgreSQL.
/// </summary>
public static class LeadsBenchmark
{
    private const int QueueReads = 200;
    private const int Batch = 50;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var sizes = options.String("sizes", "100000").Split(',').Select(int.Parse).ToArray();
        var rounds = options.Int("rounds", 3);
        var database = await PostgresServer.CreateDatabaseAsync("bench_leads");
        await using var store = new PostgresLeadStore(database);
        var tenant = TenantId.New();
        var policy = new CallingPolicy
        {
            Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 9 * 60, EndMinute = 20 * 60 }],
            RequireConsentForUsNumbers = true,
        };
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"leads: sizes {string.Join(", ", sizes)}, {rounds} round(s) each; {Environment.ProcessorCount} cores; PostgreSQL from PostgresServer (fsync=off, synchronous_commit=off)");

        CampaignId largest = default;
        foreach (var size in sizes)
        {
            var csv = Csv(size);
            var totals = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var campaign = PrefixedId.New<CampaignId>();
                var clock = Stopwatch.StartNew();
                var parsed = LeadListParser.ParseCsv(csv, "US", maxRows: size);
                var parseSeconds = clock.Elapsed.TotalSeconds;
                var admitted = parsed.Leads.Select(l => LeadAdmission.Admit(l, tenant, campaign, policy, onDoNotCallList: false, now)).ToList();
                var admitSeconds = clock.Elapsed.TotalSeconds - parseSeconds;
                var counts = await store.ImportAsync(admitted);
                var total = clock.Elapsed.TotalSeconds;
                totals.Add(total);
                largest = campaign;
                Console.WriteLine($"round {round}: {size,9:N0} leads  total {total,6:F2} s  (parse {parseSeconds:F2} s, admit {admitSeconds:F2} s, COPY {total - parseSeconds - admitSeconds:F2} s)  " +
                                  $"{size / total,9:N0} leads/s  added {counts.Added:N0}, problems {parsed.Problems.Count}");
            }
            Console.WriteLine($"MEDIAN import of {size:N0} leads: {Statistics.Median(totals):F2} s ({size / Statistics.Median(totals):N0} leads/s)");
            Figures.Emit($"leads.import.{size}", totals, "s");
        }

        var small = PrefixedId.New<CampaignId>();
        await store.ImportAsync(LeadListParser.ParseCsv(Csv(100), "US", 100).Leads.Select(l => LeadAdmission.Admit(l, tenant, small, policy, false, now)).ToList());
        var later = now.AddDays(2);
        var smallMs = await QueueReadsAsync(store, tenant, small, later);
        var largeMs = await QueueReadsAsync(store, tenant, largest, later);
        Console.WriteLine($"MEDIAN next-{Batch}-due read: {smallMs:F3} ms with 100 leads, {largeMs:F3} ms with {sizes.Max():N0} leads (ratio {largeMs / smallMs:F2}; {QueueReads} reads each)");
        return 0;
    }

    private static async Task<double> QueueReadsAsync(PostgresLeadStore store, TenantId tenant, CampaignId campaign, DateTimeOffset at)
    {
        for (var i = 0; i < 20; i++) await store.DueAsync(tenant, campaign, at, Batch);
        var times = new List<double>();
        for (var i = 0; i < QueueReads; i++)
        {
            var clock = Stopwatch.StartNew();
            var due = await store.DueAsync(tenant, campaign, at, Batch);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (due.Count == 0) throw new InvalidOperationException("The queue returned no due leads: the benchmark measured nothing.");
        }
        return Statistics.Median(times);
    }

    /// <summary>A list as tenants export one: US numbers across area codes (some in state-rule states), names, consent, two variables.</summary>
    /// <summary>A lead list of <paramref name="rows"/> rows over twelve area codes: quoted names with commas, consent, prompt variables.</summary>
    internal static string Csv(int rows)
    {
        string[] areaCodes = ["212", "415", "305", "205", "512", "602", "808", "502", "203", "601", "617", "713"];
        var text = new StringBuilder("phone,name,consent_at,consent_source,first_name,plan\n");
        for (var i = 0; i < rows; i++)
        {
            var area = areaCodes[i % areaCodes.Length];
            text.Append($"+1{area}{2_000_000 + i / areaCodes.Length % 8_000_000:0000000},\"Lead {i}, Jr.\",2026-05-01T14:30:00Z,web form,Lead{i},gold\n");
        }
        return text.ToString();
    }
}
