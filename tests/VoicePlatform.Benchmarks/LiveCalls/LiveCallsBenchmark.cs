using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.LiveCalls;

/// <summary>
/// <c>live-calls [--levels 1000,5000,10000] [--webhook-rate 300] [--webhook-seconds 15] [--burst 300] [--webhook-rounds 3] [--answered-poll seconds]</c>: the platform
/// (silo and API host in this process, on PostgreSQL) holding thousands of answered calls at once, LiveKit's side being
/// the emulator in its own process. At each level of live calls: this process's resident memory and managed heap;
/// LiveKit webhooks for the live calls sent at a fixed rate (open loop: each is sent when it is due, whatever the
/// answers before it) and their handling time; and a burst of short calls placed beside them — completed calls per
/// second and their set-up time — so the cost of the live calls on new work shows as the level grows.
/// </summary>
public static class LiveCallsBenchmark
{
    private const string LongPrefix = "+1646";
    private const string ShortPrefix = "+1347";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var levels = options.String("levels", "1000,5000,10000").Split(',').Select(int.Parse).ToArray();
        var webhookRate = options.Int("webhook-rate", 300);
        var webhookSeconds = options.Int("webhook-seconds", 15);
        var burst = options.Int("burst", 300);
        var placing = options.Int("place-concurrency", 64);
        // Seconds between an answered call's looks at LiveKit (Calls:Watchdog:AnsweredPollPeriod; production's default when absent).
        var answeredPoll = options.Int("answered-poll", 0);
        var webhookRounds = options.Int("webhook-rounds", 3);

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_live_calls");
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            // Calls to +1646… are answered and stay; calls to +1347… talk a second and hang up.
            o.Sip.Rules =
            [
                new SipOutcomeRule { Pattern = LongPrefix + "*", Outcome = "answer;ring=0" },
                new SipOutcomeRule { Pattern = ShortPrefix + "*", Outcome = "answer;ring=0;hangup=1" },
            ];
            o.AgentWorker.Enabled = true;
            o.AgentWorker.Converse = false;
            o.Webhook.Concurrency = 32;
        }, emulatorProcess: true, siloConfiguration: answeredPoll > 0
            ? new Dictionary<string, string?> { ["Calls:Watchdog:AnsweredPollPeriod"] = TimeSpan.FromSeconds(answeredPoll).ToString() }
            : null);
        var silo = platform.Silo;
        var tenant = await BenchTenant.CreateAsync(silo, "+12125550100", concurrencyLimit: TenantRules.MaxConcurrencyLimit, trunks: 12, trunkChannels: 1_000);
        Console.WriteLine($"live-calls: levels {string.Join(", ", levels)}; webhooks at {webhookRate}/s for {webhookSeconds} s per level; a burst of {burst} short calls per level; " +
            $"{Environment.ProcessorCount} cores; the emulator in its own process (pid {platform.EmulatorProcessId})");

        var live = new List<CallId>();
        var round = 0;
        foreach (var level in levels)
        {
            round++;
            var clock = Stopwatch.StartNew();
            var added = Enumerable.Range(live.Count, level - live.Count).Select(i => (Id: PrefixedId.New<CallId>(), To: $"{LongPrefix}{i / 10_000 % 10}{i:D6}")).ToList();
            await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = placing }, async (call, _) =>
                await silo.Grains.GetCall(tenant.Id, call.Id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = call.To }));
            live.AddRange(added.Select(a => a.Id));
            await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, $"answered_at IS NOT NULL AND ended_at IS NULL AND to_number LIKE '{LongPrefix}%'", level, Patience, TimeSpan.FromMilliseconds(500));
            Console.WriteLine($"level {level}: {added.Count} more calls placed and answered in {clock.Elapsed.TotalSeconds:F1} s; " +
                $"{VoicePlatform.Grains.Calls.CallMetrics.LiveInProcess} live in the silo, each answered call looking at LiveKit every " +
                $"{VoicePlatform.Grains.Calls.AnsweredPollSchedule.Period(answeredPoll > 0 ? TimeSpan.FromSeconds(answeredPoll) : new VoicePlatform.Grains.Calls.CallWatchdogOptions().AnsweredPollPeriod, VoicePlatform.Grains.Calls.CallMetrics.LiveInProcess, new VoicePlatform.Grains.Calls.CallWatchdogOptions().MaxAnsweredPollsPerSecond).TotalSeconds:F0} s");

            using (var self = Process.GetCurrentProcess())
            {
                var heap = GC.GetTotalMemory(forceFullCollection: true);
                self.Refresh();
                var rss = self.WorkingSet64;
                Console.WriteLine($"  memory with {level} live calls: resident {rss / 1048576.0:F0} MiB, managed heap {heap / 1048576.0:F0} MiB (silo and API host in this process)");
                Figures.Emit($"live-calls.{level}.resident-memory", rss / 1048576.0, "MiB");
                Figures.Emit($"live-calls.{level}.managed-heap", heap / 1048576.0, "MiB");
            }

            long listed = 0;
            using (var requests = new System.Diagnostics.Metrics.MeterListener())
            {
                // What the live calls' watchdogs ask LiveKit meanwhile (each answered call's look is one ListParticipants).
                requests.InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == VoicePlatform.Grains.Telephony.LiveKit.LiveKitMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
                };
                requests.SetMeasurementEventCallback<double>((_, _, tags, _) =>
                {
                    foreach (var tag in tags) if (tag.Key == "method" && Equals(tag.Value, "ListParticipants")) Interlocked.Increment(ref listed);
                });
                requests.Start();
                var (p50s, p99s, rates) = (new List<double>(), new List<double>(), new List<double>());
                for (var webhookRound = 1; webhookRound <= webhookRounds; webhookRound++)
                {
                    Interlocked.Exchange(ref listed, 0);
                    var watch = Stopwatch.StartNew();
                    var webhooks = await WebhooksAsync(silo, platform.ApiUrl, tenant.Id, live, webhookRate, webhookSeconds);
                    rates.Add(Interlocked.Read(ref listed) / watch.Elapsed.TotalSeconds);
                    p50s.Add(webhooks.P50);
                    p99s.Add(webhooks.P99);
                    Console.WriteLine($"  webhooks: {webhooks.Sent} at {webhookRate}/s: handling p50 {webhooks.P50:F1} ms, p99 {webhooks.P99:F1} ms, max {webhooks.Max:F1} ms, {webhooks.Failed} failed; " +
                        $"meanwhile the calls' watchdogs asked LiveKit for participants {rates[^1]:F0} times a second");
                }
                Figures.Emit($"live-calls.{level}.watchdog-requests", rates, "requests/s");
                Figures.Emit($"live-calls.{level}.webhook.p50", p50s, "ms");
                Figures.Emit($"live-calls.{level}.webhook.p99", p99s, "ms", $"{webhookRate} events/s for {webhookSeconds} s, {level} calls live");
            }

            var (rate, setupP99) = await BurstAsync(silo, connectionString, tenant, burst, round, placing);
            Console.WriteLine($"  a burst of {burst} short calls beside them: {rate:F1} completed calls/s, set-up (placed → answered) p99 {setupP99:F0} ms");
            Figures.Emit($"live-calls.{level}.burst.completed-calls", rate, "calls/s");
            Figures.Emit($"live-calls.{level}.burst.setup.p99", setupP99, "ms");
        }

        // Every live call ended as LiveKit would tell it: the callee leaves.
        var ending = Stopwatch.StartNew();
        await SendAsync(silo, platform.ApiUrl, live.Select(id => Left(tenant.Id, id)).ToList(), concurrency: 32);
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, $"status = 'ended' AND to_number LIKE '{LongPrefix}%'", live.Count, Patience, TimeSpan.FromMilliseconds(500));
        Console.WriteLine($"all {live.Count} live calls ended in {ending.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private sealed record WebhookFigures(int Sent, int Failed, double P50, double P99, double Max);

    /// <summary>
    /// A participant_joined for the callee of a live call, again (LiveKit's delivery repeats and re-orders): routed to
    /// the call's grain, which changes nothing. Sent at a fixed rate; each latency is from its due time.
    /// </summary>
    private static async Task<WebhookFigures> WebhooksAsync(BenchSilo silo, string apiUrl, TenantId tenant, IReadOnlyList<CallId> live, int rate, int seconds)
    {
        var signer = silo.Services.GetRequiredService<LiveKitWebhookSigner>();
        var target = new Uri(apiUrl.TrimEnd('/') + "/api/livekit/webhook");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var total = rate * seconds;
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * i / rate);
            if (due - clock.Elapsed > TimeSpan.FromMilliseconds(1)) await Task.Delay(due - clock.Elapsed);
            var call = live[i % live.Count];
            var sequence = i;
            tasks.Add(Task.Run(async () =>
            {
                var joined = new LiveKitWebhookEvent
                {
                    Event = "participant_joined", Id = $"EV_again_{call.Value}_{sequence}", CreatedAt = now, Room = new LiveKitRoom { Name = CallRoomName.Format(tenant, call) },
                    Participant = new LiveKitParticipantInfo { Identity = "callee", Kind = "SIP" },
                };
                using var request = signer.CreateRequest(target, joined);
                using var response = await http.SendAsync(request);
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
            }));
        }
        await Task.WhenAll(tasks);
        var sorted = latencies.Order().ToArray();
        return new WebhookFigures(total, failed, Statistics.Percentile(sorted, 50), Statistics.Percentile(sorted, 99), sorted[^1]);
    }

    private static LiveKitWebhookEvent Left(TenantId tenant, CallId call) => new()
    {
        Event = "participant_left", Id = $"EV_left_{call.Value}", CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Room = new LiveKitRoom { Name = CallRoomName.Format(tenant, call) },
        Participant = new LiveKitParticipantInfo { Identity = "callee", Kind = "SIP", DisconnectReason = "CLIENT_INITIATED" },
    };

    private static async Task SendAsync(BenchSilo silo, string apiUrl, IReadOnlyList<LiveKitWebhookEvent> events, int concurrency)
    {
        var signer = silo.Services.GetRequiredService<LiveKitWebhookSigner>();
        var target = new Uri(apiUrl.TrimEnd('/') + "/api/livekit/webhook");
        using var http = new HttpClient();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (e, _) =>
        {
            using var request = signer.CreateRequest(target, e);
            using var response = await http.SendAsync(request);
        });
    }

    /// <summary>Short calls placed beside the live ones: completed per second (first queued → last ended) and set-up p99.</summary>
    private static async Task<(double Rate, double SetupP99)> BurstAsync(BenchSilo silo, string connectionString, BenchTenant tenant, int calls, int round, int placing)
    {
        var prefix = $"{ShortPrefix}{round % 10}";
        var ids = Enumerable.Range(0, calls).Select(i => (Id: PrefixedId.New<CallId>(), To: $"{prefix}{i:D6}")).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = placing }, async (call, _) =>
            await silo.Grains.GetCall(tenant.Id, call.Id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = call.To }));
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, $"status = 'ended' AND to_number LIKE '{prefix}%'", calls, Patience, TimeSpan.FromMilliseconds(500));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
             SELECT extract(epoch FROM max(ended_at) - min(queued_at)),
                    percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - queued_at) * 1000)
             FROM call_records WHERE tenant_id = @t AND to_number LIKE '{prefix}%'
             """, connection);
        command.Parameters.AddWithValue("t", tenant.Id.Value);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (calls / reader.GetDouble(0), reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1));
    }

}
