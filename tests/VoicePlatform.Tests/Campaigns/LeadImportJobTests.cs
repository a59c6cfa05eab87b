using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// Large lead lists over real HTTP: uploaded as a file, cut into parts as they arrive, imported in the background
/// with progress, rejected rows reported by their line in the file, a retried upload answering the same job.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class LeadImportJobTests(ApiHostFixture host)
{
    private static object Campaign(string agentId) => new
    {
        name = "Big list", agentId, callerIdNumberIds = Array.Empty<string>(),
        windows = new[] { new { days = new[] { "monday", "friday" }, from = "09:00", to = "18:00" } },
        defaultTimeZone = "America/Chicago",
    };

    private async Task<(HttpClient Admin, string CampaignPath, string TenantId)> CampaignAsync(string tenantName)
    {
        var tenant = await host.CreateTenantAsync(tenantName);
        var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/campaigns") { Content = JsonContent.Create(Campaign(agent)), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } } };
        var campaign = await (await admin.SendAsync(request)).ReadJsonAsync();
        return (admin, $"api/campaigns/{campaign.GetProperty("id").GetString()}", tenant.Id);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient admin, string jobPath)
    {
        JsonElement job = default;
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            job = await (await admin.GetAsync(jobPath)).ReadJsonAsync();
            return job.GetProperty("status").GetString() is "completed" or "failed";
        }, () => job.ToString(), TimeSpan.FromMinutes(2));
        return job;
    }

    private static string Number(int i) => $"+1312{2_000_000 + i:D7}";

    [Fact]
    public async Task AFileOfTwentyFiveThousandRowsIsImportedInPartsWithItsOwnLineNumbersAndARetryAnswersTheSameJob()
    {
        var (admin, campaignPath, _) = await CampaignAsync("Big import");
        using var _ = admin;
        var file = new StringBuilder("\uFEFFphone,name,consent_at,plan\r\n");
        var line = 2;
        var badLines = new List<int>();
        for (var i = 0; i < 25_000; i++)
        {
            var (phone, name) = i switch
            {
                9_999 => (Number(i), "\"Quoted, with a\nline break\""),    // the 10,000th record spans two lines, across the first part's end
                15_000 or 24_990 => ("not a number", "Bad"),
                20_000 => (Number(5), "Same number as the sixth lead"),  // a number of the first part: already in the campaign
                20_001 => (Number(20_002), "Same as the next row"),       // merged within its part
                _ => (Number(i), $"Lead {i}"),
            };
            if (phone == "not a number") badLines.Add(line);
            file.Append(phone).Append(',').Append(name).Append(",2026-05-01T14:30:00Z,gold\r\n");
            line += 1 + name.Count(c => c == '\n');
        }
        Assert.True(Encoding.UTF8.GetByteCount(file.ToString()) > 1024 * 1024, "the file is over the 1 MiB limit of other routes");

        HttpRequestMessage Upload()
        {
            var form = new MultipartFormDataContent { { new StringContent(file.ToString(), Encoding.UTF8, "text/csv"), "file", "leads.csv" } };
            return new HttpRequestMessage(HttpMethod.Post, $"{campaignPath}/imports") { Content = form, Headers = { { "Idempotency-Key", "big-list" } } };
        }

        var accepted = await admin.SendAsync(Upload());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var started = await accepted.ReadJsonAsync();
        Assert.Equal((3, 25_000), (started.GetProperty("partsReceived").GetInt32(), started.GetProperty("rowsReceived").GetInt32()));
        var jobPath = accepted.Headers.Location!.ToString().TrimStart('/');
        Assert.Equal($"{campaignPath}/imports/{started.GetProperty("id").GetString()}", jobPath);

        var job = await WaitForAsync(admin, jobPath);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal((3, 25_000, 1.0), (job.GetProperty("partsProcessed").GetInt32(), job.GetProperty("rowsProcessed").GetInt32(), job.GetProperty("progress").GetDouble()));
        Assert.Equal((24_996, 1, 1, 2), (job.GetProperty("added").GetInt32(), job.GetProperty("alreadyInCampaign").GetInt32(),
            job.GetProperty("rowsMerged").GetInt32(), job.GetProperty("rowsRejected").GetInt32()));
        var rejected = job.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(badLines, rejected.Select(r => r.GetProperty("row").GetInt32()));
        Assert.All(rejected, r => Assert.Equal("phone", r.GetProperty("field").GetString()));
        Assert.Equal(24_996, job.GetProperty("leadsByStatus").GetProperty("scheduled").GetInt32());
        var campaign = await (await admin.GetAsync(campaignPath)).ReadJsonAsync();
        Assert.Equal(24_996, campaign.GetProperty("progress").GetProperty("leadsByStatus").GetProperty("scheduled").GetInt32());

        // The same upload again answers the finished job and imports nothing.
        var retried = await admin.SendAsync(Upload());
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var again = await retried.ReadJsonAsync();
        Assert.Equal((started.GetProperty("id").GetString(), 24_996), (again.GetProperty("id").GetString(), again.GetProperty("added").GetInt32()));
    }

    [Fact]
    public async Task AJobCollectedMidwayResumesWhereItStoppedAndCountsEveryLeadOnce()
    {
        var (admin, campaignPath, tenantId) = await CampaignAsync("Resumed import");
        using var _ = admin;
        var csv = new StringBuilder("phone,consent_at\n");
        for (var i = 0; i < 80_000; i++) csv.Append(Number(100_000 + i)).Append(",2026-05-01T14:30:00Z\n");
        var accepted = await admin.PostAsync($"{campaignPath}/imports", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobPath = accepted.Headers.Location!.ToString().TrimStart('/');

        // Deactivate the job's activation after its first part: its progress is in storage, and the next read activates
        // it again, which resumes the reading.
        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var importId = LeadImportId.FromValidated(jobPath[(jobPath.LastIndexOf('/') + 1)..]);
        var key = $"{tenantId}/{importId}";
        async Task<bool> Active() => (await management.GetDetailedGrainStatistics()).Any(s => s.GrainId.Key.ToString() == key);
        await CallTestSupport.WaitUntilAsync(async () => (await (await admin.GetAsync(jobPath)).ReadJsonAsync()).GetProperty("partsProcessed").GetInt32() >= 1);
        await grains.GetLeadImport(TenantId.Parse(tenantId), importId).Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        await CallTestSupport.WaitUntilAsync(async () => !await Active(), () => "the import job's activation was never deactivated");
        var stopped = await (await admin.GetAsync(jobPath)).ReadJsonAsync();
        var collectedAt = stopped.GetProperty("partsProcessed").GetInt32();
        Assert.True(stopped.GetProperty("status").GetString() != "completed", $"the job finished before it could be collected: {stopped}");

        var job = await WaitForAsync(admin, jobPath);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        // Collected anywhere before completion: between two parts, or after the last part and before the count at the end.
        Assert.InRange(collectedAt, 0, 8);
        Assert.Equal((8, 80_000, 80_000, 0), (job.GetProperty("partsProcessed").GetInt32(), job.GetProperty("rowsProcessed").GetInt32(),
            job.GetProperty("added").GetInt32(), job.GetProperty("alreadyInCampaign").GetInt32()));
    }

    [Fact]
    public async Task JsonLeadsAndACsvBodyGoThroughJobsToo()
    {
        var (admin, campaignPath, _) = await CampaignAsync("JSON import");
        using var _ = admin;
        var leads = Enumerable.Range(0, 10_005).Select(i => new
        {
            phone = i == 10_002 ? "12" : Number(i), consentAt = "2026-05-01T14:30:00Z", variables = new Dictionary<string, string> { ["row"] = $"{i}" },
        }).ToList();
        var accepted = await admin.PostAsJsonAsync($"{campaignPath}/imports", new { leads });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await WaitForAsync(admin, accepted.Headers.Location!.ToString().TrimStart('/'));
        Assert.Equal((2, 10_004), (job.GetProperty("partsProcessed").GetInt32(), job.GetProperty("added").GetInt32()));
        Assert.Equal(10_003, Assert.Single(job.GetProperty("rejected").EnumerateArray()).GetProperty("row").GetInt32());

        var csv = new StringContent("phone;name;consent_at\n+442071838750;\"Smith; Jo\";2026-05-01T14:30:00Z\n", Encoding.UTF8, "text/csv");
        var body = await admin.PostAsync($"{campaignPath}/imports", csv);
        Assert.Equal(HttpStatusCode.Accepted, body.StatusCode);
        var small = await WaitForAsync(admin, body.Headers.Location!.ToString().TrimStart('/'));
        Assert.Equal((1, 10_005), (small.GetProperty("added").GetInt32(), small.GetProperty("leadsByStatus").EnumerateObject().Sum(s => s.Value.GetInt32())));
    }

    [Fact]
    public async Task BadUploadsAreRefusedByFieldAndLeaveNoJobAndOtherTenantsSeeNothing()
    {
        var (admin, campaignPath, _) = await CampaignAsync("Bad imports");
        using var _ = admin;
        HttpRequestMessage Csv(string text, string key, string type = "text/csv") =>
            new(HttpMethod.Post, $"{campaignPath}/imports") { Content = new StringContent(text, Encoding.UTF8, type), Headers = { { "Idempotency-Key", key } } };

        var noPhone = await (await admin.SendAsync(Csv("name,email\nAna,a@example.com\n", "no-phone"))).AssertFieldErrorAsync("file");
        Assert.Contains("phone", noPhone.GetProperty("errors").GetProperty("file")[0].GetString());
        await (await admin.SendAsync(Csv("phone,name\n", "header-only"))).AssertFieldErrorAsync("file");
        await (await admin.SendAsync(Csv("", "empty"))).AssertFieldErrorAsync("file");
        var form = new MultipartFormDataContent { { new StringContent("phone\n+13125550100\n"), "attachment", "leads.csv" } };
        await (await admin.PostAsync($"{campaignPath}/imports", form)).AssertFieldErrorAsync("file");
        await (await admin.SendAsync(Csv("<leads/>", "xml", "application/xml"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await admin.PostAsJsonAsync($"{campaignPath}/imports", new { csv = "phone\n+13125550100\n", leads = new[] { new { phone = "+13125550101" } } })).AssertFieldErrorAsync("csv");
        // The JSON body is read by hand (it shares the route with CSV uploads): broken or mistyped JSON is a 400 naming the
        // field, as on every bound route — found by the failure suite, where it was a 500.
        await (await admin.SendAsync(Csv("{\"csv\": ", "broken-json", "application/json"))).AssertFieldErrorAsync("body");
        await (await admin.SendAsync(Csv("{\"leads\": \"not a list\"}", "mistyped-json", "application/json"))).AssertFieldErrorAsync("leads");
        await (await admin.SendAsync(Csv("{\"pad\": 1}", "unknown-json", "application/json"))).AssertFieldErrorAsync("pad");
        var progress = (await (await admin.GetAsync(campaignPath)).ReadJsonAsync()).GetProperty("progress").GetProperty("leadsByStatus");
        Assert.Empty(progress.EnumerateObject());

        var other = await host.CreateTenantAsync("Not their campaign");
        using var otherAdmin = host.WithKey(other.AdminKey);
        var accepted = await admin.SendAsync(Csv("phone,consent_at\n+13125550100,2026-05-01T14:30:00Z\n", "mine"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobPath = accepted.Headers.Location!.ToString().TrimStart('/');
        await (await otherAdmin.GetAsync(jobPath)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherAdmin.PostAsync($"{campaignPath}/imports", new StringContent("phone\n+13125550100\n", Encoding.UTF8, "text/csv"))).AssertProblemAsync(HttpStatusCode.NotFound);
        // The job is found under its own campaign only.
        await (await admin.GetAsync(jobPath.Replace(campaignPath, "api/campaigns/cmp_aaaaaaaaaaaaaaaaaaaaaaaaaa"))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("completed", (await WaitForAsync(admin, jobPath)).GetProperty("status").GetString());

        // A cancelled campaign takes no more leads.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{campaignPath}/cancel", null)).StatusCode);
        await (await admin.SendAsync(Csv("phone\n+13125550102\n", "after-cancel"))).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
