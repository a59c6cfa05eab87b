using nietras.SeparatedValues;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// Campaigns dialing the LiveKit emulator end to end over HTTP: outcomes, retries, the legal bound on every dial,
/// pause, resume, cancel, edits, the do-not-call list at dial time and an empty wallet. Dials are counted from the
/// emulator's own record.
/// </summary>
[Collection(CampaignDialingCollection.Name)]
public sealed class CampaignDialingTests(CampaignDialingFixture host)
{
    /// <summary>Where each test area code rings, and the hours the law allows there (from ../shared/campaigns/CALLING-RULES.md, written out by hand).</summary>
    private static readonly Dictionary<string, (string Zone, int FromHour, int ToHour, bool NoSunday)> LawByAreaCode = new()
    {
        ["212"] = ("America/New_York", 8, 21, false),     // New York: the federal bound
        ["213"] = ("America/Los_Angeles", 8, 21, false),  // Los Angeles
        ["602"] = ("America/Phoenix", 8, 21, false),      // Phoenix: no DST
        ["808"] = ("Pacific/Honolulu", 8, 21, false),     // Honolulu: 07:55 when the test clock starts
        ["305"] = ("America/New_York", 8, 20, false),     // Miami: Florida 08:00–20:00
        ["205"] = ("America/Chicago", 8, 20, true),       // Birmingham: Alabama 08:00–20:00, no Sundays
        ["860"] = ("America/New_York", 9, 20, false),     // Hartford: Connecticut 09:00–20:00
    };

    private static string Number(string area, string exchange, string ending) => $"+1{area}{exchange}{ending}";

    [Fact]
    public async Task MixedOutcomesCompleteWithExactlyTheExpectedAttemptsAndEveryDialInsideItsLeadsLawfulHours()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 6, retry: CampaignTestSupport.Retry(noAnswer: 3, busy: 2, failed: 2));
        // Each behaviour in each place, and how many attempts it must take: one answered call; busy twice; no answer
        // three times; a rejection is a failure, twice.
        var expected = new Dictionary<string, (int Attempts, string Status)>
        {
            [CampaignDialingFixture.Answers] = (1, "completed"),
            [CampaignDialingFixture.Busy] = (2, "exhausted"),
            [CampaignDialingFixture.NoAnswer] = (3, "exhausted"),
            [CampaignDialingFixture.Rejects] = (2, "exhausted"),
        };
        var phones = LawByAreaCode.Keys.SelectMany(area => expected.Keys.Select(ending => Number(area, "201", ending))).ToList();
        var report = await tenant.ImportAsync(campaign, phones);
        Assert.Equal(phones.Count, report.GetProperty("added").GetInt32());

        var started = await tenant.CommandAsync(campaign, "start");
        Assert.Equal("running", started.Status());
        Assert.Equal("running", (await tenant.CommandAsync(campaign, "start")).Status());   // a repeat changes nothing

        var done = await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "completed");
        Assert.Equal(0, done.LiveCalls());
        var byStatus = done.GetProperty("progress").GetProperty("leadsByStatus");
        Assert.Equal(LawByAreaCode.Count, byStatus.GetProperty("completed").GetInt32());
        Assert.Equal(LawByAreaCode.Count * 3, byStatus.GetProperty("exhausted").GetInt32());
        var byOutcome = done.GetProperty("progress").GetProperty("attemptsByOutcome");
        Assert.Equal(LawByAreaCode.Count * 2, byOutcome.GetProperty("busy").GetInt32());
        Assert.Equal(LawByAreaCode.Count * 3, byOutcome.GetProperty("no-answer").GetInt32());

        var dials = host.DialsByNumber();
        foreach (var lead in await tenant.LeadsAsync(campaign))
        {
            var phone = lead.GetProperty("phone").GetString()!;
            var (attempts, status) = expected[phone[^4..]];
            Assert.Equal((phone, status), (phone, lead.GetProperty("status").GetString()));
            Assert.Equal((phone, attempts), (phone, lead.GetProperty("attempts").GetInt32()));
            var log = lead.GetProperty("attemptLog").EnumerateArray().ToList();
            Assert.Equal(attempts, log.Count);
            // Rung exactly as often as attempted: never twice for one attempt.
            Assert.Equal((phone, attempts), (phone, dials.GetValueOrDefault(phone)));
            Assert.Equal(log.Select((_, i) => i + 1), log.Select(a => a.GetProperty("number").GetInt32()));
            Assert.Equal(log.Count, log.Select(a => a.GetProperty("callId").GetString()).Distinct().Count());

            var law = LawByAreaCode[phone[2..5]];
            var zone = DateTimeZoneProviders.Tzdb[law.Zone];
            foreach (var attempt in log)
            {
                var dialedAt = attempt.GetProperty("dialedAt").GetDateTimeOffset();
                var local = Instant.FromDateTimeOffset(dialedAt).InZone(zone).LocalDateTime;
                Assert.True(local.Hour >= law.FromHour && local.Hour < law.ToHour, $"{phone} dialed at {local} local, outside {law.FromHour}:00–{law.ToHour}:00");
                Assert.False(law.NoSunday && local.DayOfWeek == IsoDayOfWeek.Sunday, $"{phone} dialed on a Sunday");
            }
            if (phone[2..5] == "808")
                Assert.True(log[0].GetProperty("dialedAt").GetDateTimeOffset() >= new DateTimeOffset(2026, 12, 9, 18, 0, 0, TimeSpan.Zero), $"Honolulu was dialed before 08:00 HST: {log[0]}");
            // Retries wait their delay (one minute of the calling clock) after the attempt before.
            for (var i = 1; i < log.Count; i++)
            {
                var gap = log[i].GetProperty("dialedAt").GetDateTimeOffset() - log[i - 1].GetProperty("dialedAt").GetDateTimeOffset();
                Assert.True(gap >= TimeSpan.FromMinutes(1), $"{phone}: attempt {i + 1} only {gap} after attempt {i}");
            }
        }

        // The funnel, the calls and the export agree with the leads.
        var funnel = await (await tenant.Admin.GetAsync($"api/campaigns/{campaign}/funnel")).ReadJsonAsync();
        Assert.Equal((phones.Count, phones.Count, LawByAreaCode.Count, 0), (funnel.GetProperty("leads").GetInt32(), funnel.GetProperty("dialed").GetInt32(),
            funnel.GetProperty("connected").GetInt32(), funnel.GetProperty("positive").GetInt32()));
        var attemptsInAll = expected.Values.Sum(e => e.Attempts) * LawByAreaCode.Count;
        var calls = await (await tenant.Admin.GetAsync($"api/campaigns/{campaign}/calls?limit=100")).ReadJsonAsync();
        Assert.Equal(attemptsInAll, calls.GetProperty("items").GetArrayLength());
        Assert.All(calls.GetProperty("items").EnumerateArray(), c => Assert.Equal(campaign, c.GetProperty("campaignId").GetString()));
        var export = await tenant.Admin.GetAsync($"api/campaigns/{campaign}/export.csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromText(await export.Content.ReadAsStringAsync()))
        {
            var rows = reader.Enumerate(r => (Phone: r["phone"].ToString(), Attempt: r["attempt"].ToString(), Outcome: r["outcome"].ToString(), Status: r["status"].ToString())).ToList();
            Assert.Equal(attemptsInAll, rows.Count);
            Assert.All(rows, r => Assert.Equal(expected[r.Phone[^4..]].Status, r.Status));
            Assert.Equal(LawByAreaCode.Count * 3, rows.Count(r => r.Outcome == "no-answer"));
        }
        var stranger = await host.TenantWithCallerIdAsync(openingBalance: 0);
        foreach (var path in new[] { "funnel", "calls", "export.csv" })
            await (await stranger.Admin.GetAsync($"api/campaigns/{campaign}/{path}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // A finished campaign cannot be started again, and says why it is not dialing.
        await (await tenant.Admin.PostAsync($"api/campaigns/{campaign}/start", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-running", done.NotDialingReason());
    }

    [Fact]
    public async Task PauseStopsNewDialsWhileLiveCallsFinishAnEditAppliesAndResumeFinishesTheList()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 2);
        var phones = Enumerable.Range(0, 10).Select(i => Number("212", $"3{i:00}", CampaignDialingFixture.LongCall)).ToList();
        await tenant.ImportAsync(campaign, phones);
        // Settings cannot change while it runs.
        await tenant.CommandAsync(campaign, "start");
        var running = await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 2);
        Assert.Equal("campaign-concurrency-limit", running.NotDialingReason());
        var edit = new HttpRequestMessage(HttpMethod.Put, $"api/campaigns/{campaign}") { Content = JsonContent.Create(new { name = "x", agentId = tenant.AgentId, windows = new[] { new { days = new[] { "monday" }, from = "09:00", to = "18:00" } } }) };
        await (await tenant.Admin.SendAsync(edit)).AssertProblemAsync(HttpStatusCode.Conflict);

        var paused = await tenant.CommandAsync(campaign, "pause");
        Assert.Equal("paused", paused.Status());
        Assert.Equal("paused", (await tenant.CommandAsync(campaign, "pause")).Status());
        var idle = await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 0);
        Assert.Equal("not-running", idle.NotDialingReason());
        var dialedWhilePaused = phones.Sum(p => host.DialsByNumber().GetValueOrDefault(p));
        var leads = await tenant.LeadsAsync(campaign);
        Assert.Equal(dialedWhilePaused, leads.Sum(l => l.GetProperty("attempts").GetInt32()));
        Assert.InRange(dialedWhilePaused, 2, 4);

        // Paused, it can be edited: four at once from now on.
        var current = await tenant.GetCampaignAsync(campaign);
        var change = new HttpRequestMessage(HttpMethod.Put, $"api/campaigns/{campaign}")
        {
            Content = JsonContent.Create(new
            {
                name = "Dialer test, faster",
                agentId = tenant.AgentId,
                windows = new[] { new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }, from = "07:00", to = "22:00" } },
                pacing = new { maxConcurrentCalls = 4, maxDialsPerMinute = 120 },
                retry = CampaignTestSupport.Retry(),
            }),
        };
        change.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{current.GetProperty("revision").GetInt32()}\""));
        var changed = await tenant.Admin.SendAsync(change);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        Assert.Equal("running", (await tenant.CommandAsync(campaign, "resume")).Status());
        await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 4);
        var done = await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "completed");
        Assert.Equal(phones.Count, done.GetProperty("progress").GetProperty("leadsByStatus").GetProperty("completed").GetInt32());
        Assert.All(phones, p => Assert.Equal(1, host.DialsByNumber().GetValueOrDefault(p)));
    }

    [Fact]
    public async Task CancelWithHangUpEndsTheLiveCallsAndDialsNoMore()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 3);
        var phones = Enumerable.Range(0, 8).Select(i => Number("213", $"4{i:00}", CampaignDialingFixture.LongCall)).ToList();
        await tenant.ImportAsync(campaign, phones);
        await tenant.CommandAsync(campaign, "start");
        // Three claimed, and all three ringing: a claim whose call is still being placed when it is hung up never rings.
        await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 3 && phones.Count(p => host.DialsByNumber().ContainsKey(p)) == 3);

        var cancelled = await tenant.Admin.PostAsync($"api/campaigns/{campaign}/cancel?hangUpLiveCalls=true", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.ReadJsonAsync()).Status());
        Assert.Equal("cancelled", (await tenant.CommandAsync(campaign, "cancel")).Status());
        await (await tenant.Admin.PostAsync($"api/campaigns/{campaign}/resume", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        // The hung-up calls end at once, their leads hear it, and the campaign's live count falls to zero.
        var idle = await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 0, TimeSpan.FromSeconds(20));
        var dialed = phones.Where(p => host.DialsByNumber().ContainsKey(p)).ToList();
        Assert.Equal(3, dialed.Count);
        var leads = await tenant.LeadsAsync(campaign);
        Assert.Equal(3, leads.Count(l => l.GetProperty("attempts").GetInt32() == 1));
        Assert.Equal(5, leads.Count(l => l.GetProperty("status").GetString() == "scheduled"));
        Assert.Equal("not-running", idle.NotDialingReason());
    }

    [Fact]
    public async Task ANumberPutOnTheDoNotCallListMidCampaignIsNeverDialedAfterwards()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 1);
        var phones = Enumerable.Range(0, 8).Select(i => Number("602", $"5{i:00}", CampaignDialingFixture.Answers)).ToList();
        await tenant.ImportAsync(campaign, phones);
        await tenant.CommandAsync(campaign, "start");
        await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 1);

        var listedAfterStart = phones.Where(p => !host.DialsByNumber().ContainsKey(p)).ToList();
        foreach (var phone in listedAfterStart)
        {
            var added = await tenant.Admin.PostAsJsonAsync("api/do-not-call", new { number = phone });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "completed");
        var leads = (await tenant.LeadsAsync(campaign)).ToDictionary(l => l.GetProperty("phone").GetString()!);
        // Only the one call already live when the list changed (claimed and checked, perhaps not yet at the emulator)
        // may have rung a listed number; none was dialed after.
        var listedAndDialed = listedAfterStart.Where(p => host.DialsByNumber().ContainsKey(p)).ToList();
        Assert.True(listedAndDialed.Count <= 1, string.Join(", ", listedAndDialed));
        foreach (var phone in listedAfterStart.Except(listedAndDialed))
        {
            Assert.Equal("do-not-call", leads[phone].GetProperty("status").GetString());
            Assert.Equal(0, leads[phone].GetProperty("attempts").GetInt32());
            Assert.Contains("do-not-call list", leads[phone].GetProperty("statusReason").GetString());
        }
    }

    [Fact]
    public async Task AnEmptyWalletPausesTheCampaignBeforeAnythingRingsAndATopUpResumesItByItself()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        var campaign = await tenant.CreateCampaignAsync(autoResume: true);
        var phones = Enumerable.Range(0, 3).Select(i => Number("212", $"6{i:00}", CampaignDialingFixture.Answers)).ToList();
        await tenant.ImportAsync(campaign, phones);

        await tenant.CommandAsync(campaign, "start");
        var paused = await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "paused");
        Assert.Equal("insufficient-funds", paused.GetProperty("pausedFor").GetString());
        Assert.Equal("insufficient-funds", paused.NotDialingReason());
        Assert.All(phones, p => Assert.False(host.DialsByNumber().ContainsKey(p)));
        Assert.All(await tenant.LeadsAsync(campaign), l => Assert.Equal(0, l.GetProperty("attempts").GetInt32()));

        // The top-up is seen by the campaign's reminder (at most a minute), which resumes it: auto-resume is on.
        await host.TopUpAsync(tenant.Id, 1_000_000);
        var done = await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "completed", TimeSpan.FromMinutes(3));
        Assert.Equal(phones.Count, done.GetProperty("progress").GetProperty("leadsByStatus").GetProperty("completed").GetInt32());
        Assert.All(phones, p => Assert.Equal(1, host.DialsByNumber().GetValueOrDefault(p)));
    }

    [Fact]
    public async Task ACampaignWhoseLeadsAreAllOutsideItsWindowsSaysSoEvenWhileItsDefaultZoneIsInside()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        // 09:00–19:00 every day with Chicago as the default zone: open in Chicago from 15:00 to 01:00 UTC. The only
        // lead is in Kolkata, where it is open from 03:30 to 13:30 UTC; the test clock runs from 17:55 UTC.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/campaigns")
        {
            Content = JsonContent.Create(new
            {
                name = "Kolkata only", agentId = tenant.AgentId, defaultTimeZone = "America/Chicago",
                windows = new[] { new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }, from = "09:00", to = "19:00" } },
            }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString("N") } },
        };
        var campaign = (await (await tenant.Admin.SendAsync(request)).ReadJsonAsync()).GetProperty("id").GetString()!;
        await tenant.ImportAsync(campaign, ["+919876543210"]);
        await tenant.CommandAsync(campaign, "start");

        var waiting = await tenant.WaitForCampaignAsync(campaign, c => c.NotDialingReason() is not null);
        var why = waiting.GetProperty("progress").GetProperty("notDialing");
        Assert.Equal("outside-every-window", why.GetProperty("reason").GetString());
        var lead = Assert.Single(await tenant.LeadsAsync(campaign));
        Assert.Equal(lead.GetProperty("nextCallableAt").GetDateTimeOffset(), why.GetProperty("nextDialAt").GetDateTimeOffset());
        Assert.Equal(new TimeSpan(3, 30, 0), lead.GetProperty("nextCallableAt").GetDateTimeOffset().UtcDateTime.TimeOfDay);
        // Its one lead is dialed within a minute of Kolkata's window opening.
        var estimate = waiting.GetProperty("progress").GetProperty("estimatedCompletionAt").GetDateTimeOffset();
        Assert.InRange(estimate - why.GetProperty("nextDialAt").GetDateTimeOffset(), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        await tenant.CommandAsync(campaign, "cancel");
    }

    [Fact]
    public async Task AnotherTenantsCampaignAndLeadsAreNotFoundAndCannotBeStarted()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        var other = await host.TenantWithCallerIdAsync(openingBalance: 0);
        var campaign = await tenant.CreateCampaignAsync();
        await tenant.ImportAsync(campaign, [Number("212", "701", CampaignDialingFixture.Answers)]);
        var lead = (await tenant.LeadsAsync(campaign))[0].GetProperty("leadId").GetString();

        await (await other.Admin.PostAsync($"api/campaigns/{campaign}/start", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Admin.GetAsync($"api/campaigns/{campaign}/leads/{lead}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("draft", (await tenant.GetCampaignAsync(campaign)).Status());
        var own = await (await tenant.Admin.GetAsync($"api/campaigns/{campaign}/leads/{lead}")).ReadJsonAsync();
        Assert.Equal(lead, own.GetProperty("leadId").GetString());

        // A campaign with no leads is not started (it would complete at once).
        var empty = await tenant.CreateCampaignAsync();
        await (await tenant.Admin.PostAsync($"api/campaigns/{empty}/start", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task FloridasThreeAttemptsIn24HoursHoldAcrossTheTenantsCampaignsWhileOtherNumbersRetryFreely()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        var retry = CampaignTestSupport.Retry(noAnswer: 5, maxPerLead: 5);
        var (first, second) = (await tenant.CreateCampaignAsync(retry: retry), await tenant.CreateCampaignAsync(retry: retry));
        var miami = Number("305", "801", CampaignDialingFixture.NoAnswer);
        var newYork = Number("212", "801", CampaignDialingFixture.NoAnswer);
        await tenant.ImportAsync(first, [miami, newYork]);
        await tenant.ImportAsync(second, [miami]);
        await tenant.CommandAsync(first, "start");
        await tenant.CommandAsync(second, "start");

        // New York has no cap: five attempts a minute apart, then exhausted.
        await tenant.WaitForCampaignAsync(first, _ => host.DialsByNumber().GetValueOrDefault(newYork) == 5);
        // Miami: three dials in all across both campaigns, then both leads wait for the 24 hours to pass.
        var leads = await WaitForLeadsAsync(tenant, [first, second], miami, all => all.All(l => l.GetProperty("status").GetString() is "retry-scheduled" or "scheduled")
            && all.Sum(l => l.GetProperty("attempts").GetInt32()) == 3);
        Assert.Equal(3, host.DialsByNumber().GetValueOrDefault(miami));
        var firstDial = leads.SelectMany(l => l.GetProperty("attemptLog").EnumerateArray()).Min(a => a.GetProperty("dialedAt").GetDateTimeOffset());
        Assert.All(leads, l => Assert.True(l.GetProperty("nextCallableAt").GetDateTimeOffset() >= firstDial.AddHours(24), $"{l}"));
        Assert.Contains(leads, l => l.GetProperty("statusReason").GetString()!.Contains("across the tenant's campaigns") || l.GetProperty("attempts").GetInt32() == 3);
        foreach (var campaign in new[] { first, second }) await tenant.CommandAsync(campaign, "cancel");
    }

    [Fact]
    public async Task TwoCampaignsShareTheTenantsConcurrencyCapFairly()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        using (var op = host.AsOperator())
            Assert.True((await op.PatchAsJsonAsync($"api/operator/tenants/{tenant.Id}", new { settings = new { concurrencyLimit = 4 } })).IsSuccessStatusCode);
        var (busy, other) = (await tenant.CreateCampaignAsync(maxConcurrent: 10), await tenant.CreateCampaignAsync(maxConcurrent: 10));
        await tenant.ImportAsync(busy, Enumerable.Range(0, 12).Select(i => Number("212", $"9{i:00}", CampaignDialingFixture.LongCall)));
        await tenant.ImportAsync(other, Enumerable.Range(0, 12).Select(i => Number("213", $"9{i:00}", CampaignDialingFixture.LongCall)));
        await tenant.CommandAsync(busy, "start");
        await tenant.WaitForCampaignAsync(busy, c => c.LiveCalls() == 4);
        Assert.Equal("tenant-concurrency-limit", (await tenant.GetCampaignAsync(busy)).NotDialingReason());
        await tenant.CommandAsync(other, "start");

        // As the first campaign's calls end, the freed slots go to the second until each holds its half; the tenant's
        // four are never exceeded.
        var fair = false;
        using var timeout = new CancellationTokenSource(CampaignTestSupport.Patience);
        while (!fair)
        {
            Assert.False(timeout.IsCancellationRequested, "the two campaigns never shared the cap");
            var (a, b) = ((await tenant.GetCampaignAsync(busy)).LiveCalls(), (await tenant.GetCampaignAsync(other)).LiveCalls());
            Assert.True(a + b <= 4, $"{a} + {b} live calls, over the tenant's 4");
            fair = a == 2 && b == 2;
            await Task.Delay(100);
        }
        foreach (var campaign in new[] { busy, other }) await tenant.Admin.PostAsync($"api/campaigns/{campaign}/cancel?hangUpLiveCalls=true", null);
    }

    private static async Task<IReadOnlyList<JsonElement>> WaitForLeadsAsync(CallTenant tenant, IReadOnlyList<string> campaigns, string phone, Func<IReadOnlyList<JsonElement>, bool> done)
    {
        using var timeout = new CancellationTokenSource(CampaignTestSupport.Patience);
        IReadOnlyList<JsonElement> leads = [];
        while (!timeout.IsCancellationRequested)
        {
            var found = new List<JsonElement>();
            foreach (var campaign in campaigns) found.AddRange((await tenant.LeadsAsync(campaign)).Where(l => l.GetProperty("phone").GetString() == phone));
            leads = found;
            if (done(leads)) return leads;
            await Task.Delay(100);
        }
        Assert.Fail($"The leads of {phone} did not get there in time: {string.Join(" ", leads)}");
        return leads;
    }
}
