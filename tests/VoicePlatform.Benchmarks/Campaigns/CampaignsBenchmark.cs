using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoicePlatform.Benchmarks.Leads;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Benchmarks.StateWrites;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Leads;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Silo.CallRecords;
using VoicePlatform.Silo.Leads;
using VoicePlatform.Silo.Wallets;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Wallets;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Benchmarks.Campaigns;

/// <summary>
/// <c>campaigns [--campaigns 10] [--leads 300] [--concurrent 30] [--rounds 2] [--starts 20] [--pace 600] [--pace-seconds 60]
/// [--tick-leads 100000] [--idle 2000] [--acceleration 20]</c>: the dialer as in production — a silo on PostgreSQL,
/// the API host as its client and webhook receiver, the LiveKit emulator as telephony — and its figures: completed
/// campaign calls per second next to pgbench's TPS on the same server, durable transactions per completed call by
/// kind, start (a scheduled start, a window opening) to first dial, pacing accuracy, the per-tick cost with few and many leads, and
/// memory per idle campaign and per dialed lead.
/// </summary>
public static class CampaignsBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private static int _callerIds;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var campaigns = options.Int("campaigns", 10);
        var leadsPerCampaign = options.Int("leads", 300);
        var rounds = options.Int("rounds", 3);
        var warmup = options.Int("warmup", 1);
        var starts = options.Int("starts", 20);
        var pace = options.Int("pace", 600);
        var paceSeconds = options.Int("pace-seconds", 60);
        var tickLeads = options.Int("tick-leads", 100_000);
        var idle = options.Int("idle", 2000);
        var acceleration = options.Int("acceleration", 20);
        var concurrent = options.Int("concurrent", 30);
        var webhookConcurrency = options.Int("webhook-concurrency", 16);
        // "process" runs the emulator (the load generator, LiveKit's side) as its own process, so its CPU is counted apart.
        var emulatorProcess = options.String("emulator", "in-process") == "process";
        // Trunks the throughput tenant spreads its campaigns over (each carries at most 100 calls a second).
        var trunks = options.Int("trunks", 2);
        // Which parts to run (all by default): throughput, first-dial, pacing, tick, memory.
        var importRows = options.Int("import-rows", 100_000);
        var importRounds = options.Int("import-rounds", 3);
        // The throughput tenant has a webhook endpoint (a receiver on loopback), as a production tenant does, so the
        // events its calls make are written to the outbox and delivered — transactions counted with the rest. "off" leaves it out.
        var webhooks = options.String("webhooks", "on") != "off";
        // The curves: completed calls/s and set-up p99 while the campaigns hold more leads, and with the same work spread
        // over more tenants (a fixed number of calls completed at each point).
        var curveLeads = options.String("curve-leads", "10000,100000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var curveTenants = options.String("curve-tenants", "1,100").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var curveCalls = options.Int("curve-calls", 2000);
        // More silos — the real Silo program, each its own process — joining the first on the same PostgreSQL (the two-silo run).
        var silos = options.Int("silos", 1);
        var only = options.String("only", "throughput,first-dial,pacing,tick,memory,import").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_campaigns");
        await using var receiver = webhooks ? await LoopbackWebhookReceiver.StartAsync() : null;
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            o.TimeAcceleration = acceleration;
            // Every callee answers at once and hangs up after a second of emulated talk.
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=0;hangup=1" }];
            o.AgentWorker.Enabled = true;
            o.AgentWorker.Converse = false;
            // One delivery at a time cannot keep up with hundreds of live calls on this machine: the joins and
            // departures would arrive seconds late and every call would look abandoned.
            o.Webhook.Concurrency = webhookConcurrency;
        }, emulatorProcess, webhooks ? LoopbackWebhookReceiver.SiloConfiguration : null);
        var silo = platform.Silo;
        var others = new List<SiloProcess>();
        try
        {
            for (var n = 2; n <= silos; n++)
                others.Add(await SiloProcess.StartAsync(connectionString, BenchSilo.ServiceAndClusterId, $"campaigns-{n}", platform.SiloConfiguration));
            await WaitForSilosAsync(silo, silos);
            Console.WriteLine($"campaigns benchmark: {campaigns} campaigns x {leadsPerCampaign} leads per round, {rounds} rounds after {warmup} warm-up; {starts} starts; pace {pace}/min for {paceSeconds} s; tick cost at 100 and {tickLeads} leads; {idle} idle campaigns; emulator {acceleration}x, {webhookConcurrency} webhooks at once, {(emulatorProcess ? "in its own process" : "in this process")}; throughput over {trunks} trunks");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at start: {LoadAverage()}");
            if (only.Contains("throughput"))
            {
                var pgbench = new PgBench(connectionString);
                await pgbench.InitializeAsync();
                var tps = await pgbench.RunAsync(10);
                Console.WriteLine($"ceiling: {pgbench.Describe(10)} on the same server: {tps:F0} TPS");

                var rates = new List<double>();
                var perCall = new List<double>();
                var kinds = new Dictionary<string, List<double>>();
                var cpuParts = new Dictionary<string, List<double>>();
                // Warm-up rounds run the same work first and are reported but not counted: the first round of a fresh
                // process pays for JIT compilation, tiering and opening connection pools (half the later rate).
                for (var round = 1 - warmup; round <= rounds; round++)
                {
                    if (round < 1) Console.WriteLine($"warm-up round (not counted):");
                    var (rate, transactions, cpu, byKind) = await ThroughputRoundAsync(silo, connectionString, campaigns, leadsPerCampaign, concurrent, round + warmup, platform.EmulatorProcessId, trunks, receiver?.Url,
                        others.Select(o => o.Id).ToArray());
                    if (round < 1) continue;
                    rates.Add(rate);
                    perCall.Add(transactions);
                    foreach (var (kind, value) in byKind) (kinds.TryGetValue(kind, out var list) ? list : kinds[kind] = []).Add(value);
                    foreach (var (part, value) in cpu) (cpuParts.TryGetValue(part, out var list) ? list : cpuParts[part] = []).Add(value);
                }
                var medianPerCall = Statistics.Median(perCall);
                Console.WriteLine($"median completed campaign calls/s: {Statistics.Median(rates):F1} (rounds: {string.Join(", ", rates.Select(r => r.ToString("F1")))}); " +
                    $"ceiling pgbench TPS / transactions per call = {tps / medianPerCall:F0}/s; median transactions per completed call {medianPerCall:F2}");
                Figures.Emit("campaigns.pgbench", tps, "TPS");
                Figures.Emit("campaigns.completed-calls", rates, "calls/s", $"{campaigns} campaigns x {leadsPerCampaign} leads, {concurrent} live calls each");
                Figures.Emit("campaigns.transactions-per-call", perCall, "transactions");
                foreach (var (kind, values) in kinds) Figures.Emit($"campaigns.transactions-per-call.{kind}", values, "transactions");
                foreach (var (part, values) in cpuParts) Figures.Emit($"campaigns.cpu-per-call.{part}", values, "ms");
            }

            // A fresh process's first round pays for JIT compilation and cold pools (half the later rate): an uncounted one first.
            if (only.Contains("leads-curve") || only.Contains("tenants-curve"))
                await CurvePointAsync(silo, connectionString, "warm-up", tenants: 1, 2000, 1000, campaigns * concurrent, trunks, counted: false);
            if (only.Contains("leads-curve"))
                foreach (var leads in curveLeads) await CurvePointAsync(silo, connectionString, $"leads.{leads}", tenants: 1, leads, curveCalls, campaigns * concurrent, trunks);
            if (only.Contains("tenants-curve"))
                foreach (var tenants in curveTenants) await CurvePointAsync(silo, connectionString, $"tenants.{tenants}", tenants, Math.Max(curveCalls, tenants), curveCalls, campaigns * concurrent, trunks);
            if (only.Contains("first-dial")) await FirstDialAsync(silo, connectionString, starts);
            if (only.Contains("pacing")) await PacingAsync(silo, connectionString, pace, paceSeconds);
            if (only.Contains("tick")) await TickCostAsync(silo, connectionString, tickLeads);
            if (only.Contains("memory")) await MemoryAsync(silo, idle);
            if (only.Contains("import")) await ImportJobAsync(platform, importRows, importRounds);
            Console.WriteLine($"load average at end: {LoadAverage()}");
        }
        finally
        {
            foreach (var other in others)
            {
                await other.StopAsync();
                await other.DisposeAsync();
            }
        }
        return 0;
    }

    /// <summary>
    /// Every campaign's leads answered and completed: calls per second from the first dial to the last end, and each
    /// kind of durable transaction the platform made for them, per completed call.
    /// </summary>
    private static async Task<(double Rate, double TransactionsPerCall, Dictionary<string, double> Cpu, Dictionary<string, double> ByKind)> ThroughputRoundAsync(BenchSilo silo, string connectionString, int campaigns, int leadsPerCampaign, int concurrent, int round, int? emulatorPid, int trunks,
        string? webhookUrl, int[] otherSilos)
    {
        // One trunk may carry at most 100 calls a second (TelephonyRules.MaxCallsPerSecond): the campaigns are spread
        // over as many trunks as the goal needs, each campaign on one trunk with that trunk's caller id.
        var tenant = await TenantAsync(silo, concurrencyLimit: 2_000, trunks: trunks);
        var ids = new List<CampaignId>();
        for (var c = 0; c < campaigns; c++)
            ids.Add(await CampaignAsync(silo, tenant, leadsPerCampaign, $"+1212{200 + round * 30 + c}", maxConcurrent: concurrent, perMinute: CampaignPacing.MaxPerMinute,
                line: tenant.Lines[c % tenant.Lines.Count]));
        var leadStore = silo.Services.GetRequiredService<PostgresLeadStore>();
        var callStore = silo.Services.GetRequiredService<PostgresCallRecordStore>();
        var ledger = silo.Services.GetRequiredService<PostgresWalletLedgerStore>();
        if (webhookUrl is not null)
        {
            var endpoint = await silo.Grains.GetWebhookEndpoint(tenant.Id, PrefixedId.New<WebhookEndpointId>()).CreateAsync(new WebhookEndpointSettings { Url = webhookUrl });
            if (endpoint.Value is null) throw new InvalidOperationException($"Endpoint not created: {endpoint.Outcome} {endpoint.Detail}");
        }
        var (claims, updates, projections, commits) = (leadStore.ClaimTransactions, leadStore.UpdateTransactions, callStore.Transactions, ledger.Commits);
        // PostgreSQL's own count: a transaction id is given to every transaction that writes, and to no other.
        var firstXid = await CurrentTransactionIdAsync(connectionString);
        var clock = Stopwatch.StartNew();
        var cpuGroups = new Dictionary<string, Func<IEnumerable<int>>> { ["PostgreSQL"] = CpuAccount.PostgresProcesses };
        if (emulatorPid is { } pid) cpuGroups["emulator"] = () => [pid];
        if (otherSilos.Length > 0) cpuGroups["other silos"] = () => otherSilos;
        var cpu = CpuAccount.Available ? CpuAccount.Start(cpuGroups) : null;
        foreach (var id in ids) await silo.Grains.GetCampaign(tenant.Id, id).StartAsync();
        var total = campaigns * leadsPerCampaign;
        await WaitAsync(connectionString, $"SELECT count(*) FROM leads WHERE tenant_id = '{tenant.Id}' AND status = 'completed'", total);
        var completing = clock.Elapsed;
        var cpuUse = cpu?.Finish(total);
        var sample = (await silo.Grains.GetCampaign(tenant.Id, ids[0]).ListCallsAsync(new VoicePlatform.Calls.CallListQuery { Limit = 1 })).Value!.Items[0];
        var view = (await silo.Grains.GetCall(tenant.Id, sample.CallId).GetAsync())!;
        Console.WriteLine($"  a call: queued {view.QueuedAt:HH:mm:ss.fff}, agent joined {view.AgentJoinedAt:HH:mm:ss.fff}, answered {view.AnsweredAt:HH:mm:ss.fff}, ended {view.EndedAt:HH:mm:ss.fff}, abandoned {view.Abandoned}");
        await WaitAsync(connectionString, $"SELECT count(*) FROM call_records WHERE tenant_id = '{tenant.Id}' AND settled", total);
        if (webhookUrl is not null)
            await WaitAsync(connectionString, $"SELECT count(*) FROM webhook_deliveries WHERE tenant_id = '{tenant.Id}' AND status = 'pending'", 0, atMost: true);
        // Less this read's own id and the first's.
        var written = await CurrentTransactionIdAsync(connectionString) - firstXid - 1;

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var window = await ScalarAsync(connection, $"""
            SELECT extract(epoch FROM max((a ->> 'endedAt')::timestamptz) - min((a ->> 'dialedAt')::timestamptz))
            FROM leads, jsonb_array_elements(attempt_log) a WHERE tenant_id = '{tenant.Id}'
            """);
        var callState = await ScalarAsync(connection, $"SELECT coalesce(sum(version), 0) FROM orleans_grain_state WHERE grain_type_string = 'call' AND grain_id_extension_string LIKE '{tenant.Id}/%'");
        var campaignState = await ScalarAsync(connection, $"SELECT coalesce(sum(version), 0) FROM orleans_grain_state WHERE grain_type_string = 'campaign' AND grain_id_extension_string LIKE '{tenant.Id}/%'");
        var claimTx = leadStore.ClaimTransactions - claims;
        var updateTx = leadStore.UpdateTransactions - updates;
        var projectionTx = callStore.Transactions - projections;
        var ledgerTx = ledger.Commits - commits;
        var counted = callState + campaignState + claimTx + updateTx + projectionTx + ledgerTx;
        // Everything else that wrote: the outbox's deliveries, wallet and lead grain state, reminders, membership.
        var other = Math.Max(0, written - counted);
        var all = Math.Max(written, counted);
        var rate = total / window;
        // Where a live slot's time goes: a call's own life (queued to its end as the platform heard it) against the
        // cycle the rate implies (live calls ÷ calls per second).
        var life = await ScalarAsync(connection, $"SELECT avg(extract(epoch FROM ended_at - queued_at)) FROM call_records WHERE tenant_id = '{tenant.Id}'");
        var answeredToEnd = await ScalarAsync(connection, $"SELECT avg(extract(epoch FROM ended_at - answered_at)) FROM call_records WHERE tenant_id = '{tenant.Id}' AND answered_at IS NOT NULL");
        Console.WriteLine();
        Console.WriteLine($"  slot cycle {campaigns * concurrent / rate:F2} s (live calls / rate); a call's life, queued -> end heard, {life:F2} s on average, answered -> end {answeredToEnd:F2} s (the callee talks 1 emulated second)");
        var abandonedCalls = await ScalarAsync(connection, $"SELECT count(*) FROM leads, jsonb_array_elements(attempt_log) a WHERE tenant_id = '{tenant.Id}' AND (a ->> 'abandoned')::boolean");
        Console.WriteLine($"round {round}: {total} leads in {campaigns} campaigns ({concurrent} calls at once each, {abandonedCalls} abandoned) completed {completing.TotalSeconds:F1} s after the starts; first dial -> last end {window:F1} s = {rate:F1} completed calls/s");
        if (cpuUse is not null) Console.WriteLine($"  {cpuUse.Describe("completed call")} (this process: silo and API host{(emulatorPid is null ? ", and the LiveKit emulator" : "")})");
        Console.WriteLine($"  durable transactions per completed call: call grain state {callState / (double)total:F2}, campaign grain state {campaignState / (double)total:F3}, " +
            $"lead claims {claimTx / (double)total:F3} ({claimTx} claims), lead outcome rows {updateTx / (double)total:F2}, call-record projection {projectionTx / (double)total:F2}, wallet ledger commits {ledgerTx / (double)total:F2}, " +
            $"everything else PostgreSQL counted{(webhookUrl is null ? "" : " (with the webhook deliveries)")}{(otherSilos.Length > 0 ? " (with the other silos' claims, outcomes, projections and ledger: those kinds are counted in this process's silo)" : "")} {other / (double)total:F2}; in all {all / (double)total:F2} ({written} write transactions by PostgreSQL's count)");
        return (rate, all / (double)total, CpuFigures(cpuUse, otherSilos.Length > 0), new Dictionary<string, double>
        {
            ["call-state"] = callState / (double)total, ["campaign-state"] = campaignState / (double)total, ["lead-claims"] = claimTx / (double)total,
            ["lead-outcomes"] = updateTx / (double)total, ["call-records"] = projectionTx / (double)total, ["ledger"] = ledgerTx / (double)total,
            ["other"] = other / (double)total,
        });
    }

    /// <summary>
    /// A round's CPU per completed call: the machine's, this process's (the first silo and the API host, and the
    /// emulator when it runs here), PostgreSQL's and the other silos' processes'.
    /// </summary>
    private static Dictionary<string, double> CpuFigures(CpuReport? cpu, bool otherSilos)
    {
        if (cpu is null) return [];
        var figures = new Dictionary<string, double> { ["machine"] = cpu.MachinePerUnit, ["this-process"] = cpu.SelfPerUnit };
        if (cpu.GroupsPerUnit.TryGetValue("PostgreSQL", out var postgres)) figures["postgresql"] = postgres;
        if (otherSilos && cpu.GroupsPerUnit.TryGetValue("other silos", out var others)) figures["other-silos"] = others;
        return figures;
    }

    /// <summary>Until the first silo sees <paramref name="silos"/> active silos in its membership view (each started one has joined).</summary>
    private static async Task WaitForSilosAsync(BenchSilo silo, int silos)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(timeout.Token))
            if (snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) >= silos)
            {
                if (silos > 1) Console.WriteLine($"cluster: {silos} silos active on the same PostgreSQL (the others the Silo program in processes of their own)");
                return;
            }
    }

    private static async Task<long> CurrentTransactionIdAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (long)await ScalarAsync(connection, "SELECT pg_current_xact_id()::text::bigint");
    }

    /// <summary>
    /// One point of a curve: <paramref name="tenants"/> tenants with ten campaigns between them (one each from ten tenants on) holding <paramref name="leads"/> leads
    /// between them; the campaigns dial until <paramref name="calls"/> leads are completed (then pause), with
    /// <paramref name="liveCalls"/> calls at once in all. Completed calls per second (first dial to the calls-th end, from the
    /// leads' own attempt times) and the calls' set-up p99 (queued → answered, from their records), as figures named by
    /// <paramref name="point"/>.
    /// </summary>
    private static async Task CurvePointAsync(BenchSilo silo, string connectionString, string point, int tenants, int leads, int calls, int liveCalls, int trunks,
        bool counted = true)
    {
        var clock = Stopwatch.StartNew();
        // One campaign paces at most CampaignPacing.MaxPerMinute dials, so a few tenants share the throughput benchmark's
        // ten campaigns between them; from ten tenants on, each has one.
        var perTenantCampaigns = Math.Max(1, 10 / tenants);
        var perCampaign = Math.Max(1, leads / (tenants * perTenantCampaigns));
        var concurrent = Math.Max(1, liveCalls / (tenants * perTenantCampaigns));
        var campaigns = new List<(BenchTenant Tenant, CampaignId Campaign)>();
        // Tenants are made a few at a time: each is a handful of grain calls and a trunk on the emulator.
        await Parallel.ForEachAsync(Enumerable.Range(0, tenants), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, _) =>
        {
            var tenant = await TenantAsync(silo, concurrencyLimit: Math.Max(concurrent * perTenantCampaigns, 10), trunks: tenants == 1 ? trunks : 1);
            for (var c = 0; c < perTenantCampaigns; c++)
            {
                var campaign = await LargeCampaignAsync(silo, tenant, perCampaign, CurveAreaCodes[(t * perTenantCampaigns + c) % CurveAreaCodes.Length], concurrent,
                    tenant.Lines[c % tenant.Lines.Count]);
                lock (campaigns) campaigns.Add((tenant, campaign));
            }
        });
        var tenantList = string.Join(",", campaigns.Select(c => $"'{c.Tenant.Id}'").Distinct());
        Console.WriteLine($"{point}: {tenants} tenant(s), {campaigns.Count} campaigns, {perCampaign * campaigns.Count} leads, {concurrent} calls at once per campaign; ready in {clock.Elapsed.TotalSeconds:F1} s");

        foreach (var (tenant, campaign) in campaigns) await silo.Grains.GetCampaign(tenant.Id, campaign).StartAsync();
        // Counted per campaign on the status index: a count over the tenant's rows read all of a million-lead campaign
        // (180 ms) every time it looked.
        var campaignList = string.Join(",", campaigns.Select(c => $"'{c.Campaign}'"));
        await WaitAsync(connectionString, $"SELECT count(*) FROM leads WHERE tenant_id IN ({tenantList}) AND campaign_id IN ({campaignList}) AND status = 'completed'", calls,
            stopped: () => PausedItselfAsync(silo, campaigns));
        foreach (var (tenant, campaign) in campaigns) await silo.Grains.GetCampaign(tenant.Id, campaign).PauseAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The calls-th end, not the last: dialing goes on while the wait notices the count.
        var window = await ScalarAsync(connection, $"""
            WITH attempts AS (SELECT (a ->> 'dialedAt')::timestamptz AS dialed, (a ->> 'endedAt')::timestamptz AS ended
                              FROM leads, jsonb_array_elements(attempt_log) a WHERE tenant_id IN ({tenantList}) AND status = 'completed')
            SELECT extract(epoch FROM (SELECT ended FROM attempts ORDER BY ended OFFSET {calls - 1} LIMIT 1) - (SELECT min(dialed) FROM attempts))
            """);
        var setup = await ScalarAsync(connection, $"""
            SELECT 1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY answered_at - queued_at))
            FROM call_records WHERE tenant_id IN ({tenantList}) AND answered_at IS NOT NULL
            """);
        var rate = calls / window;
        Console.WriteLine($"{point}: {calls} calls completed at {rate:F1}/s; set-up (queued → answered) p99 {setup:F0} ms");
        if (counted)
        {
            Figures.Emit($"campaigns.curve.{point}.completed-calls", rate, "calls/s", $"{tenants} tenant(s), {perCampaign * campaigns.Count} leads, {calls} calls");
            Figures.Emit($"campaigns.curve.{point}.setup.p99", setup, "ms");
        }
        // The next point starts on a quiet platform: the paused campaigns' last calls end (the callees hang up after a second).
        await WaitAsync(connectionString, $"SELECT count(*) FROM call_records WHERE tenant_id IN ({tenantList}) AND ended_at IS NULL", 0, atMost: true);
    }

    /// <summary>The first of the campaigns that paused itself (its abandon rate, its wallet), with its reason; null while all run.</summary>
    private static async Task<string?> PausedItselfAsync(BenchSilo silo, IEnumerable<(BenchTenant Tenant, CampaignId Campaign)> campaigns)
    {
        foreach (var (tenant, campaign) in campaigns)
            if (await silo.Grains.GetCampaign(tenant.Id, campaign).GetAsync() is { Status: not CampaignStatus.Running and not CampaignStatus.Completed } view)
                return $"campaign {campaign} is {view.Status} ({view.PausedFor}): {view.StatusDetail}";
        return null;
    }

    // Area codes in service (the parser checks numbers against the numbering plan); tenants may share numbers.
    private static readonly int[] CurveAreaCodes = [212, 213, 305, 312, 404, 415, 512, 617, 646, 702, 713, 718, 808, 917, 972];

    /// <summary>
    /// A campaign with up to 1,000,000 leads: numbers +1, <paramref name="areaCode"/>, an exchange from 200 and four digits.
    /// </summary>
    private static Task<CampaignId> LargeCampaignAsync(BenchSilo silo, BenchTenant tenant, int leads, int areaCode, int maxConcurrent, BenchLine line) =>
        CampaignAsync(silo, tenant, leads, $"+1{areaCode}", maxConcurrent, CampaignPacing.MaxPerMinute, line: line,
            number: i => $"+1{areaCode}{200 + i / 10_000:000}{i % 10_000:0000}");

    /// <summary>From StartAsync returning (and from a scheduled start time) to the campaign's first claim.</summary>
    private static async Task FirstDialAsync(BenchSilo silo, string connectionString, int starts)
    {
        var tenant = await TenantAsync(silo, concurrencyLimit: 1_000);
        var immediate = new List<double>();
        var scheduled = new List<double>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < starts; i++)
        {
            var id = await CampaignAsync(silo, tenant, 3, $"+1213{200 + i}", maxConcurrent: 5, perMinute: 60);
            var startedAt = DateTimeOffset.UtcNow;
            await silo.Grains.GetCampaign(tenant.Id, id).StartAsync();
            immediate.Add(await FirstClaimAsync(connection, id, startedAt));
        }
        for (var i = 0; i < starts; i++)
        {
            var startsAt = DateTimeOffset.UtcNow.AddSeconds(3);
            var id = await CampaignAsync(silo, tenant, 3, $"+1312{200 + i}", maxConcurrent: 5, perMinute: 60, startsAt: startsAt);
            await silo.Grains.GetCampaign(tenant.Id, id).StartAsync();
            scheduled.Add(await FirstClaimAsync(connection, id, startsAt));
        }
        // Running campaigns whose window opens at the next whole minute of their leads' zone (at least 5 s ahead): the
        // leads wait for that moment, and nothing but the campaign's own timer wakes it.
        var zone = LawfulZoneNow();
        var local = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb[zone]);
        var opening = local.LocalDateTime.Date.AtMidnight().PlusMinutes(local.Hour * 60 + local.Minute + (local.Second >= 55 ? 2 : 1)).InZoneLeniently(local.Zone);
        var openingMinute = opening.Hour * 60 + opening.Minute;
        CallWindow[] window = [new() { Days = Enum.GetValues<DayOfWeek>(), StartMinute = openingMinute, EndMinute = (openingMinute + 60) % CallWindow.MinutesPerDay }];
        var opened = new List<(CampaignId Id, DateTimeOffset At)>();
        for (var i = 0; i < starts; i++)
        {
            var id = await CampaignAsync(silo, tenant, 3, $"+1415{200 + i}", maxConcurrent: 5, perMinute: 60, windows: window, zone: zone);
            await silo.Grains.GetCampaign(tenant.Id, id).StartAsync();
            opened.Add((id, opening.ToDateTimeOffset()));
        }
        var opens = new List<double>();
        foreach (var (id, at) in opened) opens.Add(await FirstClaimAsync(connection, id, at));
        immediate.Sort();
        scheduled.Sort();
        opens.Sort();
        Console.WriteLine();
        Console.WriteLine($"first dial after a start (from the call to StartAsync; {starts} campaigns): p50 {Statistics.Percentile([.. immediate], 50):F0} ms, p99 {Statistics.Percentile([.. immediate], 99):F0} ms, max {immediate[^1]:F0} ms");
        Console.WriteLine($"first dial after a scheduled start time ({starts} campaigns, 3 s ahead): p50 {Statistics.Percentile([.. scheduled], 50):F0} ms, p99 {Statistics.Percentile([.. scheduled], 99):F0} ms, max {scheduled[^1]:F0} ms");
        Console.WriteLine($"first dial after a window opens ({starts} campaigns running, their window opening at {opening.LocalDateTime:HH:mm} {zone}): p50 {Statistics.Percentile([.. opens], 50):F0} ms, p99 {Statistics.Percentile([.. opens], 99):F0} ms, max {opens[^1]:F0} ms");
        Console.WriteLine("  baseline, a 30-second polling loop: p50 15000 ms, p99 29700 ms (uniform wait for the next poll)");
        Figures.Emit("campaigns.first-dial.start.p99", Statistics.Percentile([.. immediate], 99), "ms");
        Figures.Emit("campaigns.first-dial.scheduled.p99", Statistics.Percentile([.. scheduled], 99), "ms");
        Figures.Emit("campaigns.first-dial.window.p99", Statistics.Percentile([.. opens], 99), "ms", $"{starts} campaigns");
    }

    /// <summary>One campaign at <paramref name="perMinute"/> with more leads than it can dial: claims counted per minute of its run.</summary>
    private static async Task PacingAsync(BenchSilo silo, string connectionString, int perMinute, int seconds)
    {
        var tenant = await TenantAsync(silo, concurrencyLimit: 2_000);
        var leads = perMinute * seconds / 60 * 2;
        var id = await CampaignAsync(silo, tenant, leads, "+1415555", maxConcurrent: 500, perMinute: perMinute);
        var campaign = silo.Grains.GetCampaign(tenant.Id, id);
        await campaign.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(seconds + 2));
        await campaign.PauseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var first = await ScalarAsync(connection, $"SELECT extract(epoch FROM min(last_dialed_at)) FROM leads WHERE campaign_id = '{id}'");
        var dialed = await ScalarAsync(connection, $"SELECT count(*) FROM leads WHERE campaign_id = '{id}' AND last_dialed_at >= to_timestamp({first}) AND last_dialed_at < to_timestamp({first}) + interval '{seconds} seconds'");
        var expected = perMinute * seconds / 60.0;
        Console.WriteLine();
        Console.WriteLine($"pacing at {perMinute}/min over {seconds} s: {dialed} dials where {expected:F0} were due: {100 * (dialed - expected) / expected:+0.00;-0.00} % (goal within ±2 %)");
        Figures.Emit("campaigns.pacing-error", 100 * (dialed - expected) / expected, "%", $"{perMinute} dials/min over {seconds} s");
        await campaign.CancelAsync(hangUpLiveCalls: true);
    }

    /// <summary>
    /// What one tick reads from the lead table, with 100 leads and with <paramref name="many"/> (all but 100 due
    /// tomorrow, as a big list outside its hours is): the next due leads and the next callable time.
    /// </summary>
    private static async Task TickCostAsync(BenchSilo silo, string connectionString, int many)
    {
        var store = silo.Services.GetRequiredService<PostgresLeadStore>();
        var tenant = TenantId.New();
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine();
        foreach (var size in new[] { 100, many })
        {
            var campaign = PrefixedId.New<CampaignId>();
            var imported = Stopwatch.StartNew();
            foreach (var chunk in Enumerable.Range(0, size).Chunk(50_000))
            {
                await store.ImportAsync(chunk.Select(i => new LeadRecord
                {
                    TenantId = tenant, CampaignId = campaign, LeadId = LeadRecord.IdFor(campaign, $"+1{i + 2_000_000_000L}"), Phone = $"+1{i + 2_000_000_000L}",
                    Status = LeadStatus.Scheduled, NextCallableAt = i < 100 ? now.AddSeconds(-i) : now.AddDays(1).AddSeconds(i), Revision = 1, ImportedAt = now, UpdatedAt = now,
                }).ToList());
            }
            // Statistics as autovacuum would have them by the time a campaign of this size runs.
            await using (var analyze = new NpgsqlConnection(connectionString))
            {
                await analyze.OpenAsync();
                await using var command = new NpgsqlCommand("ANALYZE leads", analyze);
                await command.ExecuteNonQueryAsync();
            }
            var timings = new double[200];
            for (var i = 0; i < timings.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await store.DueAsync(tenant, campaign, now, 20);
                await store.NextCallableAtAsync(tenant, campaign);
                timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(timings);
            Console.WriteLine($"per-tick lead reads with {size} leads (imported in {imported.Elapsed.TotalSeconds:F1} s): p50 {Statistics.Percentile(timings, 50):F2} ms, p99 {Statistics.Percentile(timings, 99):F2} ms");
        }
    }

    /// <summary>
    /// A large list through the product's own path: uploaded over HTTP as text/csv to the API host, cut into parts
    /// and stored, then imported by the job in the background; timed from the first byte sent to the job's completion.
    /// </summary>
    private static async Task ImportJobAsync(BenchPlatform platform, int rows, int rounds)
    {
        var tenant = await TenantAsync(platform.Silo, concurrencyLimit: 10);
        using var http = new HttpClient { BaseAddress = new Uri(platform.ApiUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", BenchPlatform.OperatorKey);
        var issued = await http.PostAsJsonAsync($"api/operator/tenants/{tenant.Id}/api-keys", new { name = "bench", role = "tenant-admin" });
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var csv = LeadsBenchmark.Csv(rows);
        Console.WriteLine();
        var totals = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var campaign = await CampaignAsync(platform.Silo, tenant, 0, "+1", maxConcurrent: 5, perMinute: 60);
            var clock = Stopwatch.StartNew();
            var accepted = await http.PostAsync($"api/campaigns/{campaign}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
            if (accepted.StatusCode != System.Net.HttpStatusCode.Accepted) throw new InvalidOperationException($"import refused: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
            var uploaded = clock.Elapsed;
            var path = accepted.Headers.Location!.ToString().TrimStart('/');
            JsonElement job;
            while (true)
            {
                job = await http.GetFromJsonAsync<JsonElement>(path);
                if (job.GetProperty("status").GetString() is "completed" or "failed") break;
                if (clock.Elapsed > Patience) throw new TimeoutException($"import job still {job.GetProperty("status")} after {Patience}");
                await Task.Delay(50);
            }
            var total = clock.Elapsed.TotalSeconds;
            totals.Add(total);
            Console.WriteLine($"import job round {round}: {rows:N0} rows uploaded and stored in {uploaded.TotalSeconds:F2} s, {job.GetProperty("status").GetString()} after {total:F2} s " +
                $"({rows / total:N0} leads/s; {job.GetProperty("partsProcessed").GetInt32()} parts, added {job.GetProperty("added").GetInt32():N0}, rejected {job.GetProperty("rowsRejected").GetInt32()})");
        }
        Console.WriteLine($"import of {rows:N0} leads through the HTTP import job: median {Statistics.Median(totals):F2} s (goal <= 10 s for 100,000)");
        Figures.Emit($"campaigns.import-job.{rows}", totals, "s");
    }

    /// <summary>Managed heap after a full collection, per idle (draft) campaign activation and per lead grain holding its row.</summary>
    private static async Task MemoryAsync(BenchSilo silo, int count)
    {
        var tenant = await TenantAsync(silo, concurrencyLimit: 10);
        var before = Heap();
        var ids = Enumerable.Range(0, count).Select(_ => PrefixedId.New<CampaignId>()).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            await silo.Grains.GetCampaign(tenant.Id, id).CreateAsync(Settings(tenant, "idle", 5, 30)));
        var campaigns = Heap();
        Console.WriteLine();
        Console.WriteLine($"memory per idle campaign: {(campaigns - before) / (double)count / 1024:F1} KiB ({count} draft campaigns active)");

        var withLeads = await CampaignAsync(silo, tenant, count, "+1646555", maxConcurrent: 5, perMinute: 30);
        var rows = (await silo.Grains.GetCampaign(tenant.Id, withLeads).ListLeadsAsync(null, null, count)).Value!.Items;
        var settings = (await silo.Grains.GetCampaign(tenant.Id, withLeads).GetSettingsAsync())!;
        var beforeLeads = Heap();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (lead, _) =>
            await silo.Grains.GetLead(tenant.Id, withLeads, lead.LeadId).ReconcileAsync(settings));
        Console.WriteLine($"memory per lead grain holding its row: {(Heap() - beforeLeads) / (double)rows.Count / 1024:F1} KiB ({rows.Count} activated)");
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<double> FirstClaimAsync(NpgsqlConnection connection, CampaignId campaign, DateTimeOffset from)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            await using var command = new NpgsqlCommand($"SELECT min(last_dialed_at) FROM leads WHERE campaign_id = '{campaign}'", connection);
            if (await command.ExecuteScalarAsync() is DateTime first) return (new DateTimeOffset(first, TimeSpan.Zero) - from).TotalMilliseconds;
            await Task.Delay(5);
        }
        throw new TimeoutException($"campaign {campaign} never dialed");
    }

    private static Task<BenchTenant> TenantAsync(BenchSilo silo, int concurrencyLimit, int trunks = 1) =>
        BenchTenant.CreateAsync(silo, $"+1650254{Interlocked.Increment(ref _callerIds):0000}", concurrencyLimit, balance: 1_000_000_000, trunkChannels: 2_000, trunks: trunks);

    private static CampaignSettings Settings(BenchTenant tenant, string name, int maxConcurrent, int perMinute, DateTimeOffset? startsAt = null,
        IReadOnlyList<CallWindow>? windows = null, BenchLine? line = null) => new()
    {
        Name = name, AgentId = tenant.Agent, StartsAt = startsAt, RequireConsentForUsNumbers = false,
        TrunkId = line?.Trunk, CallerIdNumberIds = line is null ? [] : [line.Number],
        // Every hour of every day, so the benchmark runs at any hour: the legal bound still applies, hence the zone below.
        Windows = windows ?? [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 0, EndMinute = CallWindow.MinutesPerDay }],
        Pacing = new CampaignPacing { MaxConcurrentCalls = maxConcurrent, MaxDialsPerMinute = perMinute },
    };

    /// <summary>
    /// A campaign with <paramref name="leads"/> leads numbered <paramref name="prefix"/> (+1, area code and exchange) and four
    /// digits (at most 10,000), or as <paramref name="number"/> says. Each lead's zone is given explicitly as one where it is 09:00–19:00 now, so the legal
    /// bound (in the called party's local time) never stops the benchmark at an odd hour of the real day.
    /// </summary>
    private static async Task<CampaignId> CampaignAsync(BenchSilo silo, BenchTenant tenant, int leads, string prefix, int maxConcurrent, int perMinute,
        DateTimeOffset? startsAt = null, IReadOnlyList<CallWindow>? windows = null, string? zone = null, BenchLine? line = null, Func<int, string>? number = null)
    {
        number ??= i => $"{prefix}{i:0000}";
        var id = PrefixedId.New<CampaignId>();
        var campaign = silo.Grains.GetCampaign(tenant.Id, id);
        var created = await campaign.CreateAsync(Settings(tenant, $"bench {prefix}", maxConcurrent, perMinute, startsAt, windows, line));
        if (created.Outcome != WriteOutcome.Created) throw new InvalidOperationException($"campaign not created: {created.Outcome} {created.Detail}");
        zone ??= LawfulZoneNow();
        foreach (var chunk in Enumerable.Range(0, leads).Chunk(LeadImportSource.MaxRows))
        {
            var rows = chunk.Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["phone"] = number(i),
                ["timezone"] = zone,
            }).ToList();
            var report = await campaign.ImportLeadsAsync(new LeadImportSource { Rows = rows });
            if (report.Value is not { } r || r.Rejected.Count > 0) throw new InvalidOperationException($"leads not imported: {report.Detail} {string.Join("; ", report.Value?.Rejected.Take(3).Select(p => p.Reason) ?? [])}");
        }
        return id;
    }

    private static string LawfulZoneNow()
    {
        foreach (var zone in new[] { "America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "Asia/Tokyo", "Asia/Kolkata", "Europe/London" })
        {
            var local = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb[zone]);
            if (local.Hour is >= 9 and < 19) return zone;
        }
        return "Pacific/Auckland";
    }

    /// <summary>Until the count reaches <paramref name="expected"/> (or, <paramref name="atMost"/>, falls to it).</summary>
    private static async Task WaitAsync(string connectionString, string sql, long expected, bool atMost = false, Func<Task<string?>>? stopped = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var deadline = Stopwatch.StartNew();
        var nextCheck = TimeSpan.FromSeconds(5);
        double count;
        while (atMost ? (count = await ScalarAsync(connection, sql)) > expected : (count = await ScalarAsync(connection, sql)) < expected)
        {
            if (deadline.Elapsed > Patience) throw new TimeoutException($"only {count} of {expected}: {sql}");
            // Work that stopped itself will not finish: said within seconds, with its reason, rather than after the
            // patience; asked every 5 s, since a thousand campaigns are a thousand grain calls.
            if (stopped is not null && deadline.Elapsed > nextCheck)
            {
                nextCheck = deadline.Elapsed + TimeSpan.FromSeconds(5);
                if (await stopped() is { } why) throw new InvalidOperationException($"only {count} of {expected}: {why}");
            }
            // The figures come from the recorded timestamps, not from when this wait notices the end; a tight poll
            // would only spend the measured server's CPU on counting (a count every 50 ms cost 5 % of a core).
            await Task.Delay(500);
        }
    }

    private static async Task<double> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToDouble(await command.ExecuteScalarAsync());
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
