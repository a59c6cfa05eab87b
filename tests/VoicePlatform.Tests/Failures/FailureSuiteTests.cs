using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.LiveKitEmulator.Twirp;
using VoicePlatform.LiveKitEmulator.Webhooks;
using VoicePlatform.Silo.Database;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Branding;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Cluster;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using VoicePlatform.Tests.Pricing;
using VoicePlatform.Tests.Telephony;
using VoicePlatform.Tests.Webhooks;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Failures;

/// <summary>
/// The failure suite: one campaign on two silos, an API host and its own PostgreSQL, driven through the public API while
/// everything around it fails on a schedule — a silo killed, PostgreSQL crashed and restarted, LiveKit's webhooks
/// dropped, duplicated, delayed and re-ordered, LiveKit's API failing, slow and losing its answers, dials refused and
/// failing, tenant webhook receivers failing and hanging, and bad input sent to every route the whole time. At the end:
/// no 500 for bad input, no number rung more often than its lead records, the wallet equal to its ledger and to the calls'
/// cost, no call left live, and every outbound event delivered or dead-lettered. The figures go to docs/failure-suite.md.
/// </summary>
public sealed class FailureSuiteTests(ITestOutputHelper output)
{
    private const int Leads = 40;
    private const long OpeningBalance = 5_000;
    private const int InboundCallers = 60;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private static readonly string[] TerminalLeadStatuses = ["completed", "exhausted", "do-not-call", "no-consent", "invalid"];
    // The platform's own calls to LiveKit during a call; provisioning (trunks) is left alone so the test can set up.
    private static readonly string[] FaultyLiveKitMethods =
    [
        "RoomService/CreateRoom", "RoomService/DeleteRoom", "RoomService/ListParticipants", "RoomService/GetParticipant",
        "RoomService/RemoveParticipant", "SIP/CreateSIPParticipant",
    ];

    [Fact]
    public async Task ACampaignUnderAScheduleOfFaultsRingsNoNumberTwiceLosesNoEventAndKeepsTheMoneyExact()
    {
        var run = Stopwatch.StartNew();
        var timeline = new List<string>();
        void Note(string what)
        {
            var line = $"{run.Elapsed.TotalSeconds,6:0.0} s  {what}";
            lock (timeline) timeline.Add(line);
            output.WriteLine(line);
        }

        // Its own PostgreSQL: crashing the run's shared server would fail every other test class. Commits are durable
        // as in production, or the crash would take back commits the platform was told had happened.
        await using var postgres = await PostgresInstance.StartAsync(maxConnections: 200, durableCommits: true);
        var connectionString = await postgres.CreateDatabaseAsync("failures");
        await new SchemaMigrator(postgres.ConnectionString("failures", pooling: false), NullLogger<SchemaMigrator>.Instance).ApplyAsync();

        var apiBase = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.Sip.Mix =
            [
                new SipWeightedOutcome { Weight = 70, Outcome = "answer;ring=1;hangup=3" },
                new SipWeightedOutcome { Weight = 10, Outcome = "busy" },
                new SipWeightedOutcome { Weight = 10, Outcome = "failure;code=503" },
                new SipWeightedOutcome { Weight = 10, Outcome = "rejected;ring=1" },
            ];
            o.AgentWorker.Enabled = true;
            o.AgentWorker.Converse = false;
            // Silent on outbound calls, but an inbound job claims its call from the platform (and retries while it is away).
            o.AgentWorker.PlatformUrl = apiBase.ToString();
            o.Webhook.Urls = [new Uri(apiBase, VoicePlatform.Calls.ILiveKitWebhookReceiver.Path.TrimStart('/')).ToString()];
            o.Webhook.Concurrency = 4;
            o.Webhook.RetryWaitMin = TimeSpan.FromMilliseconds(200);
            o.Webhook.RetryWaitMax = TimeSpan.FromSeconds(2);
            o.Webhook.Faults = new WebhookFaultOptions
            {
                LossProbability = 0.10, DuplicateProbability = 0.15, ReorderWindow = 3, ReorderFlushAfter = TimeSpan.FromMilliseconds(500),
                Delay = TimeSpan.FromMilliseconds(50), Seed = 20261206,
            };
            o.ApiFaults = new ApiFaultOptions
            {
                ErrorProbability = 0.04, SlowProbability = 0.03, SlowDelay = TimeSpan.FromSeconds(3), LostResponseProbability = 0.02,
                Methods = [.. FaultyLiveKitMethods], Seed = 1206,
            };
        });
        var properties = ClusterCaller.LiveKitProperties(emulator);
        // A slow LiveKit answer (3 s) is a timeout to the platform.
        properties["LiveKit:RequestTimeout"] = "00:00:02";
        properties["Clock:Offset"] = "at:2026-12-09T17:00:00Z";
        properties["Clock:Rate"] = "30";
        properties["Campaigns:Dialing:ReminderPeriod"] = "00:00:02";
        properties["Campaigns:Dialing:ReconcileAfter"] = "00:00:10";
        properties["Calls:Metering:BlockDuration"] = "00:00:01";
        properties["Webhooks:RequireHttps"] = "false";
        properties["Webhooks:AllowedNetworks:0"] = "127.0.0.0/8";
        properties["Webhooks:InitialBackoff"] = "00:00:00.200";
        properties["Webhooks:MaxBackoff"] = "00:00:02";
        // A hanging receiver holds each attempt for the whole timeout: few attempts, short timeouts and more of them at
        // once, or dead-lettering every event to it would take minutes.
        properties["Webhooks:MaxAttempts"] = "3";
        properties["Webhooks:Timeout"] = "00:00:00.500";
        properties["Webhooks:Concurrency"] = "16";
        properties["Webhooks:SweepPeriod"] = "00:00:05";
        properties["Webhooks:TimerHorizon"] = "00:00:05";
        // The silos' own warnings on the console: what a failure here is diagnosed from.
        properties[PostgresClusterBuilder.SiloLogLevelProperty] = "Warning";
        await using var cluster = await PostgresClusterBuilder.StartAsync(connectionString, "failures-svc", silos: 2, properties: properties);
        var apiHost = await ClusterApiHost.StartAsync(connectionString, cluster,
            "--urls", apiBase.ToString().TrimEnd('/'),
            "--LiveKit:Url", emulator.BaseUrl, "--LiveKit:ApiKey", TestTokens.ApiKey, "--LiveKit:ApiSecret", TestTokens.ApiSecret,
            "--RateLimits:Enabled", "false");
        await using var apiHostLifetime = apiHost;
        // A third silo as its own process (the production program, configured by environment variables), so that one
        // fault is a real kill -9. Campaign reminders keep the production period on it (Orleans' one-minute floor).
        using var siloProcess = await StartSiloProcessAsync(connectionString, cluster, properties.Where(p => !p.Key.StartsWith("VoicePlatformTests:", StringComparison.Ordinal)
            && p.Key != "Campaigns:Dialing:ReminderPeriod"));
        using var siloProcessLifetime = new KillOnDispose(siloProcess);
        Note("PostgreSQL, LiveKit emulator, 2 silos, a silo process and an API host up");

        // The tenant, entirely through the public API.
        using var op = Client(apiBase, ApiHostFixture.OperatorKey);
        await Success(await op.PublishAsync("USD", PricingHttp.Book(), "failures-book"));
        var tenantId = (await Success(await op.PostAsJsonAsync("api/operator/tenants", new { name = "Failure Co", settings = new { defaultTimeZone = "America/New_York", concurrencyLimit = 40, inboundConcurrencyLimit = 16, inboundReservedCalls = 4 } })))
            .GetProperty("id").GetString()!;
        var adminIssued = await Success(await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "admin", role = "tenant-admin" }));
        var workerKey = (await Success(await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "worker", role = "agent-worker" })))
            .GetProperty("key").GetString()!;
        using var admin = Client(apiBase, adminIssued.GetProperty("key").GetString()!);
        using var worker = Client(apiBase, workerKey);
        var branding = new BrandingClient(admin);
        var brandId = BrandingClient.Id(await branding.CreateBrandAsync("Failure Dental"));
        var personaId = BrandingClient.Id(await branding.CreatePersonaAsync(brandId));
        var agentId = BrandingClient.Id(await branding.CreateAgentAsync(personaId));
        var callerId = TestNumbers.Next();
        var liveKitTrunk = await ClusterCaller.LiveKitClientFor(emulator).CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = [callerId] });
        var trunkId = await admin.CreateTrunkAsync(new { liveKitTrunkId = liveKitTrunk.SipTrunkId, name = "Main", numbers = Array.Empty<string>(), maxConcurrentCalls = 20, callsPerSecond = 5 });
        var numberId = await admin.CreateNumberAsync(new { number = callerId, label = "Main", assignedAgentId = agentId, trunkId });
        // A reception line too: callers ring it through the whole schedule of faults.
        var receptionNumber = TestNumbers.Next();
        await admin.CreateNumberAsync(new { number = receptionNumber, label = "Reception", inbound = new { agentId } });

        await using var healthy = await WebhookReceiver.StartAsync();
        await using var flaky = await WebhookReceiver.StartAsync();
        await using var hanging = await WebhookReceiver.StartAsync();
        var flakyHealed = false;
        flaky.Answer = _ => Volatile.Read(ref flakyHealed) ? 200 : 500;
        hanging.Answer = _ => null;
        var (healthyEndpoint, _) = await admin.RegisterAsync(healthy.Url);
        var (flakyEndpoint, _) = await admin.RegisterAsync(flaky.Url);
        var (hangingEndpoint, _) = await admin.RegisterAsync(hanging.Url);
        // Money after the endpoints exist: every event of the tenant, wallet.credited included, is for all three.
        using (var credit = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenantId}/wallet/credits") { Content = JsonContent.Create(new { kind = "top-up", amount = OpeningBalance }) })
        {
            credit.Headers.Add("Idempotency-Key", "failures-top-up");
            await Success(await op.SendAsync(credit));
        }

        var tenant = new CallTenant(tenantId, admin, agentId, liveKitTrunk.SipTrunkId!, callerId);
        var campaignId = await tenant.CreateCampaignAsync(maxConcurrent: 8, perMinute: 600, retry: CampaignTestSupport.Retry(noAnswer: 2, busy: 2, failed: 2, maxPerLead: 4));
        var phones = Enumerable.Range(0, Leads).Select(i => $"+1212557{i + 1000:0000}").ToList();
        Assert.Equal(Leads, (await tenant.ImportAsync(campaignId, phones)).GetProperty("added").GetInt32());
        await tenant.CommandAsync(campaignId, "start");
        Note($"campaign of {Leads} leads started (8 at a time)");

        // Callers ring the reception line, one every 400 ms (a load generator's schedule, not a wait), each staying 3 s
        // once answered, until PostgreSQL has crashed and come back.
        var rungInbound = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var stopRinging = new CancellationTokenSource();
        var ringingRun = Task.Run(async () =>
        {
            using var carrier = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl) };
            for (var i = 0; !stopRinging.IsCancellationRequested && i < InboundCallers; i++)
            {
                var response = await carrier.PostAsJsonAsync(InboundCallsEndpoints.Path, new { from = $"+1415556{i:0000}", to = receptionNumber, hangUpAfterSeconds = 3 });
                if (response.StatusCode == HttpStatusCode.Created) rungInbound.Enqueue((await response.ReadJsonAsync()).GetProperty("sipCallId").GetString()!);
                await Task.Delay(400, CancellationToken.None);
            }
        });

        // Bad input on every route for the whole run, with ids of real objects in the routes.
        var firstCall = await Eventually(async () => (await (await admin.GetAsync("api/calls?limit=1")).ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("callId").GetString()).FirstOrDefault(), "a first call");
        using var anonymous = new HttpClient { BaseAddress = apiBase };
        var document = JsonNode.Parse(await anonymous.GetStringAsync("openapi/v1.json"))!;
        var ids = new Dictionary<string, string>
        {
            ["{version}"] = "1", ["{currency}"] = "USD", ["{tenantId}"] = tenantId, ["{callId}"] = firstCall!, ["{brandId}"] = brandId,
            ["{personaId}"] = personaId, ["{agentId}"] = agentId, ["{trunkId}"] = trunkId, ["{numberId}"] = numberId,
            ["{campaignId}"] = campaignId, ["{keyId}"] = adminIssued.GetProperty("apiKey").GetProperty("keyId").GetString()!, ["{endpointId}"] = healthyEndpoint,
            ["{userId}"] = "usr_aaaaaaaaaaaaaaaaaaaa", ["{invitationId}"] = "inv_aaaaaaaaaaaaaaaaaaaa",
        };
        var barrage = BadInputBarrage.FromOpenApi(document, path => ids.Aggregate(path, (p, id) => p.Replace(id.Key, id.Value)),
            path => path.StartsWith("/api/operator", StringComparison.Ordinal) ? op : IsWorkerRoute(path) ? worker : admin, campaignId);
        using var stopBarrage = new CancellationTokenSource();
        var barrageRun = Task.Run(async () =>
        {
            while (!stopBarrage.IsCancellationRequested) await barrage.RunPassAsync(stopBarrage.Token);
        });
        Note($"bad-input barrage started: {barrage.ProbeCount} probes a pass");

        // Fault 1: kill -9 of the silo process, whatever it holds (calls, leads, webhook endpoints, perhaps the campaign).
        await WaitAsync(async () => await TerminalLeadsAsync(connectionString) >= Leads / 5, "a fifth of the leads finished");
        var liveAtSigkill = await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE status <> 'ended'");
        var lastClaimBeforeSigkill = await ScalarAsync(connectionString, "SELECT max(last_dialed_at) FROM leads");
        var sigkilled = Stopwatch.StartNew();
        siloProcess.Kill();
        await siloProcess.WaitForExitAsync();
        Note($"silo process killed with SIGKILL ({liveAtSigkill} calls live in the cluster)");
        await WaitAsync(async () => Convert.ToInt64(await ScalarAsync(connectionString, "SELECT count(*) FROM leads WHERE last_dialed_at > @mark", lastClaimBeforeSigkill)) > 0
            || await TerminalLeadsAsync(connectionString) == Leads, "dialing again after the SIGKILL");
        var dialingAfterSigkill = sigkilled.Elapsed;
        Note($"dialing again {dialingAfterSigkill.TotalSeconds:0.0} s after the SIGKILL");

        // Fault 2: the silo holding the campaign is killed (no deactivation, no goodbye to the membership table).
        await WaitAsync(async () => await TerminalLeadsAsync(connectionString) >= Leads * 3 / 8, "three eighths of the leads finished");
        var campaignSilo = await cluster.SiloOfAsync("campaign", TenantScopedKey.Format(TenantId.FromValidated(tenantId), PrefixedId.Parse<CampaignId>(campaignId)));
        var liveAtKill = await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE status <> 'ended'");
        var lastClaimBeforeKill = await ScalarAsync(connectionString, "SELECT max(last_dialed_at) FROM leads");
        var killed = Stopwatch.StartNew();
        await cluster.KillSiloAsync(campaignSilo);
        Note($"silo holding the campaign killed ({liveAtKill} calls live)");
        await cluster.Cluster.StartAdditionalSiloAsync();
        Note($"replacement silo started ({killed.Elapsed.TotalSeconds:0.0} s after the kill)");
        await WaitAsync(async () => Convert.ToInt64(await ScalarAsync(connectionString, "SELECT count(*) FROM leads WHERE last_dialed_at > @mark", lastClaimBeforeKill)) > 0
            || await TerminalLeadsAsync(connectionString) == Leads, "dialing again after the kill");
        var dialingAfterKill = killed.Elapsed;
        Note($"dialing again {dialingAfterKill.TotalSeconds:0.0} s after the kill");

        // Fault 3: PostgreSQL crashes (every connection cut, no checkpoint) and comes back 3 s later.
        await WaitAsync(async () => await TerminalLeadsAsync(connectionString) >= Leads / 2, "half of the leads finished");
        var lastClaimBeforeCrash = await ScalarAsync(connectionString, "SELECT max(last_dialed_at) FROM leads");
        var crashed = Stopwatch.StartNew();
        await postgres.CrashAsync();
        Note("PostgreSQL crashed");
        // The outage itself: the fault lasts this long by design.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StartServerAsync();
        var outage = crashed.Elapsed;
        Note($"PostgreSQL back after {outage.TotalSeconds:0.0} s");
        await WaitAsync(async () => (await admin.GetAsync($"api/campaigns/{campaignId}")).StatusCode == HttpStatusCode.OK, "the API reading the campaign again");
        var apiBackAfter = crashed.Elapsed - outage;
        Note($"API answering reads {apiBackAfter.TotalSeconds:0.0} s after PostgreSQL came back");
        await WaitAsync(async () => Convert.ToInt64(await ScalarAsync(connectionString, "SELECT count(*) FROM leads WHERE last_dialed_at > @mark", lastClaimBeforeCrash)) > 0
            || await TerminalLeadsAsync(connectionString) == Leads, "dialing again after the crash");
        var dialingAfterCrash = crashed.Elapsed - outage;
        Note($"dialing again {dialingAfterCrash.TotalSeconds:0.0} s after PostgreSQL came back");
        Volatile.Write(ref flakyHealed, true);
        Note("the failing webhook receiver recovers");
        await stopRinging.CancelAsync();
        await ringingRun;
        Note($"{rungInbound.Count} callers rang the reception line");

        // The end: the campaign completes, every call ends and is settled, every delivery is delivered or dead.
        try
        {
            await WaitAsync(async () => (await tenant.GetCampaignAsync(campaignId)).Status() == "completed", "the campaign completed");
        }
        catch (Xunit.Sdk.XunitException)
        {
            var leadStates = await ScalarAsync(connectionString, "SELECT string_agg(status || ': ' || n, ', ') FROM (SELECT status, count(*) AS n FROM leads GROUP BY status) s");
            var callStates = await ScalarAsync(connectionString, "SELECT string_agg(status || '/' || coalesce(end_reason, '-') || '/' || settled || ': ' || n, ', ') FROM (SELECT status, end_reason, settled, count(*) AS n FROM call_records GROUP BY 1, 2, 3) c");
            Assert.Fail($"The campaign did not complete. Leads {leadStates}; calls {callStates}; campaign {(await tenant.GetCampaignAsync(campaignId)).GetRawText()}");
        }
        Note("campaign completed");
        try
        {
            await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE status <> 'ended' OR NOT settled") == 0, "every call ended and settled");
        }
        catch (Xunit.Sdk.XunitException)
        {
            var stuck = await ScalarAsync(connectionString, "SELECT string_agg(call_id || ' ' || status || '/' || coalesce(end_reason, '-') || '/settled ' || settled, '; ') FROM call_records WHERE status <> 'ended' OR NOT settled");
            Assert.Fail($"Calls not ended or not settled: {stuck}");
        }
        Note("every call ended and settled");
        try
        {
            await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'") == 0, "no delivery pending");
        }
        catch (Xunit.Sdk.XunitException)
        {
            var pending = await ScalarAsync(connectionString, "SELECT string_agg(endpoint_id || ': ' || n || ' pending, attempts up to ' || a || ', next ' || due, '; ') FROM (SELECT endpoint_id, count(*) AS n, max(attempts) AS a, min(next_attempt_at) AS due FROM webhook_deliveries WHERE status = 'pending' GROUP BY 1) p");
            Assert.Fail($"Deliveries still pending (healthy {healthyEndpoint}, failing {flakyEndpoint}, hanging {hangingEndpoint}): {pending}");
        }
        Note("no webhook delivery pending");
        await stopBarrage.CancelAsync();
        await barrageRun;

        // No 500 (nor any 5xx but 503 while the cluster or the database was away) for bad input, and nothing accepted.
        Assert.True(barrage.ServerErrors.Count == 0, string.Join("\n", barrage.ServerErrors.Take(20)));

        // No number rung more often than its lead's recorded attempts (the emulator's own record of every INVITE).
        var dialled = emulator.Services.GetRequiredService<SipCallSimulator>().Dialled.GroupBy(d => d.CallTo).ToDictionary(g => g.Key, g => g.Count());
        var attempts = await AttemptsByPhoneAsync(connectionString);
        var doubleDials = phones.Sum(p => Math.Max(0, dialled.GetValueOrDefault(p) - attempts.GetValueOrDefault(p)));
        Assert.All(phones, p => Assert.True(dialled.GetValueOrDefault(p) <= attempts.GetValueOrDefault(p), $"{p} rung {dialled.GetValueOrDefault(p)} times for {attempts.GetValueOrDefault(p)} attempts"));
        Assert.Equal(0, doubleDials);
        Assert.Equal(Leads, await CountAsync(connectionString, $"SELECT count(*) FROM leads WHERE status IN ({string.Join(", ", TerminalLeadStatuses.Select(s => $"'{s}'"))})"));

        // Inbound: every caller LiveKit answered is one call of the platform, answered, ended and settled (settled once, as
        // every call below); the platform has no inbound call LiveKit did not ring; none is left ringing.
        var inbound = emulator.Services.GetRequiredService<InboundCallSimulator>();
        var rungIds = rungInbound.ToHashSet();
        var answeredByLiveKit = rungIds.Select(inbound.Find).OfType<InboundCall>().Where(c => c.AnsweredAt is not null).ToList();
        foreach (var call in answeredByLiveKit)
        {
            var id = VoicePlatform.Calls.InboundCallIds.For(call.SipCallId).Value;
            var view = await (await admin.GetAsync($"api/calls/{id}")).ReadJsonAsync();
            Assert.True(view.GetProperty("status").GetString() == "ended" && view.GetProperty("answeredAt").ValueKind == JsonValueKind.String, $"{call.SipCallId}: {view}");
        }
        var platformInbound = await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE direction = 'inbound'");
        var expectedIds = rungIds.Select(s => VoicePlatform.Calls.InboundCallIds.For(s).Value).ToHashSet();
        var strays = await ScalarAsync(connectionString, "SELECT count(*) FROM call_records WHERE direction = 'inbound' AND NOT (call_id = ANY(@mark))", expectedIds.ToArray());
        Assert.Equal(0L, Convert.ToInt64(strays));
        Assert.True(platformInbound >= answeredByLiveKit.Count, $"{platformInbound} inbound calls on the platform for {answeredByLiveKit.Count} answered by LiveKit");

        // Money: each call reserved and settled once, nothing still reserved, wallet = opening − cost = the ledger's sum.
        Assert.Equal(0, await CountAsync(connectionString,
            "SELECT count(*) FROM (SELECT reference FROM wallet_ledger WHERE kind IN ('reserve', 'settle') AND status = 'applied' GROUP BY reference, kind HAVING count(*) > 1) twice"));
        var calls = await CountAsync(connectionString, "SELECT count(*) FROM call_records");
        var charged = await CountAsync(connectionString, "SELECT coalesce(sum(cost_total), 0) FROM call_records");
        var wallet = await (await admin.GetAsync("api/wallet")).ReadJsonAsync();
        var balance = wallet.GetProperty("balance").GetInt64();
        var ledgerSum = await CountAsync(connectionString, "SELECT coalesce(sum(balance_change), 0) FROM wallet_ledger");
        var drift = OpeningBalance - charged - balance;
        Assert.Equal(0, wallet.GetProperty("reserved").GetInt64());
        Assert.Equal(0, drift);
        Assert.Equal(balance, ledgerSum);

        // Every event recorded for every ended call; every delivery delivered or dead; the healthy receiver got them all.
        Assert.Equal(0, await CountAsync(connectionString,
            "SELECT count(*) FROM call_records c WHERE NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.type = 'call.ended' AND e.source_id = c.call_id)"));
        var events = await CountAsync(connectionString, "SELECT count(*) FROM webhook_events");
        var received = healthy.All.Select(w => w.Id).ToHashSet();
        var recorded = await EventIdsAsync(connectionString);
        var lost = recorded.Count(id => !received.Contains(id));
        Assert.Equal(0, lost);
        Assert.Equal(0, await CountAsync(connectionString, $"SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = '{healthyEndpoint}' AND status <> 'delivered'"));
        Assert.Equal(0, await CountAsync(connectionString, $"SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = '{hangingEndpoint}' AND status <> 'dead'"));
        var flakyDelivered = await CountAsync(connectionString, $"SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = '{flakyEndpoint}' AND status = 'delivered'");
        var flakyDead = await CountAsync(connectionString, $"SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = '{flakyEndpoint}' AND status = 'dead'");
        Assert.Equal(events, flakyDelivered + flakyDead);

        var publisher = emulator.Services.GetRequiredService<WebhookPublisher>();
        var apiFaults = emulator.Services.GetRequiredService<ApiFaultInjector>().Injected();
        var report = new List<string>
        {
            $"Faults: 1 silo process killed with SIGKILL, 1 silo killed in process, PostgreSQL crashed for {outage.TotalSeconds:0.0} s; LiveKit webhooks {publisher.PublishedCount} raised, {publisher.DroppedCount} dropped, {publisher.DuplicatedCount} duplicated (window-3 re-ordering, 50 ms delay); " +
            $"LiveKit API faults {string.Join(", ", apiFaults.GroupBy(f => f.Key.Fault).Select(g => $"{g.Key} {g.Sum(f => f.Value)}"))}; calls by end reason: {await ScalarAsync(connectionString, "SELECT string_agg(reason || ': ' || n, ', ' ORDER BY reason) FROM (SELECT coalesce(end_reason, '-') AS reason, count(*) AS n FROM call_records GROUP BY 1) r")}",
            $"Bad input: {barrage.Sent} requests ({barrage.ProbeCount} probes a pass), answers {string.Join(", ", barrage.Answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "reset" : a.Key == -1 ? "no answer" : a.Key.ToString())}: {a.Value}"))}; 500s: {barrage.ServerErrors.Count}; slowest answer {barrage.Slowest.Wait.TotalSeconds:0.0} s ({barrage.Slowest.Request})",
            $"Campaign: {Leads} leads, {calls} calls, {dialled.Values.Sum()} dials, {attempts.Values.Sum()} attempts recorded, double dials {doubleDials}",
            $"Inbound: {rungIds.Count} callers rang the reception line, {answeredByLiveKit.Count} answered by LiveKit (each one platform call, answered, ended, settled once); {platformInbound} inbound calls on the platform " +
            $"({await ScalarAsync(connectionString, "SELECT string_agg(reason || ': ' || n, ', ' ORDER BY reason) FROM (SELECT coalesce(end_reason, '-') AS reason, count(*) AS n FROM call_records WHERE direction = 'inbound' GROUP BY 1) r")}), none the platform made up",
            $"Money: opening {OpeningBalance}, charged {charged}, balance {balance}, ledger {ledgerSum}, drift {drift}",
            $"Events: {events} recorded, lost {lost}; healthy receiver {healthy.All.Count} deliveries of {received.Count} ids; failing-then-healed receiver {flakyDelivered} delivered, {flakyDead} dead-lettered; hanging receiver {hanging.All.Count} attempts, all {events} dead-lettered",
            $"Recovery: dialing again {dialingAfterSigkill.TotalSeconds:0.0} s after the SIGKILL and {dialingAfterKill.TotalSeconds:0.0} s after the in-process kill; API reads {apiBackAfter.TotalSeconds:0.0} s and dialing {dialingAfterCrash.TotalSeconds:0.0} s after PostgreSQL came back; whole run {run.Elapsed.TotalSeconds:0} s",
        };
        foreach (var line in report) output.WriteLine(line);
    }

    /// <summary>Ends the process if the test stops before the schedule killed it.</summary>
    private sealed class KillOnDispose(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The production Silo program joining the test cluster through its PostgreSQL membership; ready on /health/ready.</summary>
    private static async Task<Process> StartSiloProcessAsync(string connectionString, PostgresTestCluster cluster, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "VoicePlatform.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Operator__ApiKey"] = ApiHostFixture.OperatorKey;
        start.Environment["Cluster__ClusterId"] = cluster.Cluster.Options.ClusterId;
        start.Environment["Cluster__ServiceId"] = cluster.Cluster.Options.ServiceId;
        start.Environment["Cluster__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Cluster__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Cluster__AdvertisedAddress"] = "127.0.0.1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        var process = Process.Start(start)!;
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (errors) errors.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitAsync(async () =>
        {
            if (process.HasExited) Assert.Fail($"the silo process exited with {process.ExitCode}: {errors}");
            return (await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK;
        }, "the silo process ready");
        return process;
    }

    private static bool IsWorkerRoute(string path) =>
        path.StartsWith("/api/calls/{callId}/", StringComparison.Ordinal) && path.Split('/')[^1] is "transcript" or "usage" or "answered-by" or "outcome" or "end" or "transfer";

    private static HttpClient Client(Uri baseAddress, string key)
    {
        // Longer than the cluster's own 30 s response timeout: a request in flight to a silo as it is killed is answered
        // 503 when that runs out, and the suite records the wait rather than giving up first.
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> Success(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> read, string what)
    {
        T? value = default;
        await WaitAsync(async () => (value = await read()) is not null, what);
        return value!;
    }

    private static Task<long> TerminalLeadsAsync(string connectionString) =>
        CountAsync(connectionString, $"SELECT count(*) FROM leads WHERE status IN ({string.Join(", ", TerminalLeadStatuses.Select(s => $"'{s}'"))})");

    private static async Task<Dictionary<string, int>> AttemptsByPhoneAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT phone, attempts FROM leads", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var attempts = new Dictionary<string, int>();
        while (await reader.ReadAsync()) attempts[reader.GetString(0)] = reader.GetInt32(1);
        return attempts;
    }

    private static async Task<List<string>> EventIdsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT event_id FROM webhook_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static Task<long> CountAsync(string connectionString, string sql) => DatabaseProbe.CountAsync(connectionString, sql);

    private static Task<object?> ScalarAsync(string connectionString, string sql, object? mark = null) => DatabaseProbe.ScalarAsync(connectionString, sql, mark);

    /// <summary>Waits for <paramref name="condition"/>; a probe that fails (the database or the API away) counts as not yet.</summary>
    private static Task WaitAsync(Func<Task<bool>> condition, string what) => DatabaseProbe.WaitAsync(async () =>
    {
        try
        {
            return await condition();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }, what, Patience);
}
