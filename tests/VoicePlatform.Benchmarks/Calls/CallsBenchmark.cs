using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Silo.CallRecords;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Wallets;

namespace VoicePlatform.Benchmarks.Calls;

/// <summary>
/// <c>calls [--calls 400] [--concurrency 32] [--webhook-calls 300] [--rounds 3] [--acceleration 20]</c>: the platform
/// as in production — a silo on PostgreSQL, the API host as its client, the LiveKit emulator as telephony — and
/// three figures: calls set up per second (placed → answered, through the emulator's SIP), LiveKit webhook events
/// handled per second with the handling time as LiveKit sees it, and durable writes per completed call.
/// </summary>
public static class CallsBenchmark
{
    private const string CallerId = "+16502530000";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var calls = options.Int("calls", 400);
        var concurrency = options.Int("concurrency", 32);
        var webhookCalls = options.Int("webhook-calls", 300);
        var rounds = options.Int("rounds", 3);
        var acceleration = options.Int("acceleration", 20);

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_calls");
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            o.TimeAcceleration = acceleration;
            o.Sip.Rules =
            [
                // Set-up phase: rings a second, talks four, hangs up — each call completes by itself.
                new SipOutcomeRule { Pattern = "+1415*", Outcome = "answer;ring=1;hangup=4" },
                // Webhook phase: answers and stays until the benchmark's own webhooks end it.
                new SipOutcomeRule { Pattern = "+1628*", Outcome = "answer;ring=0" },
            ];
        });
        var silo = platform.Silo;
        var apiUrl = platform.ApiUrl;
        {
            Console.WriteLine($"calls benchmark: {calls} calls per round at concurrency {concurrency}, {webhookCalls} calls for webhooks, {rounds} rounds, emulator {acceleration}x");
            Console.WriteLine($"load average at start: {LoadAverage()}");
            var setup = new List<double>();
            var webhookRates = new List<double>();
            var p50s = new List<double>();
            var p99s = new List<double>();
            var writes = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var tenant = await SetUpTenantAsync(silo, round);
                var placed = await SetUpRoundAsync(silo, connectionString, tenant, calls, concurrency, round);
                setup.Add(placed.CallsPerSecond);
                writes.Add(placed.DurableWritesPerCall);
                var hooks = await WebhookRoundAsync(silo, connectionString, tenant, webhookCalls, concurrency, apiUrl, round);
                webhookRates.Add(hooks.EventsPerSecond);
                p50s.Add(hooks.P50);
                p99s.Add(hooks.P99);
            }
            Console.WriteLine();
            Console.WriteLine($"median calls set up/s: {Statistics.Median(setup):F1}   (rounds: {string.Join(", ", setup.Select(v => v.ToString("F1")))})");
            Console.WriteLine($"median webhook events handled/s: {Statistics.Median(webhookRates):F0}, p50 {Statistics.Median(p50s):F1} ms, p99 {Statistics.Median(p99s):F1} ms");
            Console.WriteLine($"median durable writes per completed call: {Statistics.Median(writes):F2}   (rounds: {string.Join(", ", writes.Select(v => v.ToString("F2")))})");
            Figures.Emit("calls.set-up", setup, "calls/s");
            Figures.Emit("calls.webhook-events", webhookRates, "events/s");
            Figures.Emit("calls.webhook.p99", p99s, "ms");
            Console.WriteLine($"load average at end: {LoadAverage()}");
        }
        return 0;
    }

    private sealed record SetUpResult(double CallsPerSecond, double DurableWritesPerCall);

    private sealed record WebhookResult(double EventsPerSecond, double P50, double P99);

    /// <summary>A tenant per round, each with a caller id of its own: a number is registered once on the whole platform.</summary>
    private static Task<BenchTenant> SetUpTenantAsync(BenchSilo silo, int round) =>
        BenchTenant.CreateAsync(silo, $"{CallerId[..^4]}{round:D4}", TenantSettings.Default.ConcurrencyLimit);

    private static async Task<SetUpResult> SetUpRoundAsync(BenchSilo silo, string connectionString, BenchTenant tenant, int calls, int concurrency, int round)
    {
        var store = silo.Services.GetRequiredService<PostgresCallRecordStore>();
        var storeTransactions = store.Transactions;
        var storeRows = store.Rows;
        var grains = silo.Grains;
        var requests = Enumerable.Range(0, calls).Select(i => (Id: PrefixedId.New<CallId>(), To: $"+1415555{i:D4}")).ToList();
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (call, _) =>
        {
            var placed = await grains.GetCall(tenant.Id, call.Id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = call.To });
            if (placed.Value?.EndReason is not null) Interlocked.Increment(ref refused);
        });
        var placing = clock.Elapsed;
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, "answered_at IS NOT NULL AND to_number LIKE '+1415%'", calls - refused, Patience);
        var answering = clock.Elapsed;
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, "settled AND to_number LIKE '+1415%'", calls, Patience);
        var completing = clock.Elapsed;

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var (firstQueued, lastAnswered) = await WindowAsync(connection, tenant.Id);
        var setupMs = await LatenciesAsync(connection, tenant.Id);
        var stateWrites = await ScalarAsync(connection,
            "SELECT coalesce(sum(version), 0) FROM orleans_grain_state WHERE grain_type_string = 'call' AND grain_id_extension_string LIKE @t || '/%'", tenant.Id);
        var ledgerEntries = await ScalarAsync(connection, "SELECT count(*) FROM wallet_ledger WHERE tenant_id = @t", tenant.Id);
        var transactions = store.Transactions - storeTransactions;
        var rows = store.Rows - storeRows;
        var rate = (calls - refused) / (lastAnswered - firstQueued).TotalSeconds;
        var perCall = (double)stateWrites / calls + (double)transactions / calls;

        Console.WriteLine();
        Console.WriteLine($"round {round} set-up: {calls} placed in {placing.TotalSeconds:F2} s ({refused} refused), all answered after {answering.TotalSeconds:F2} s, all ended and settled after {completing.TotalSeconds:F2} s");
        Console.WriteLine($"  calls set up/s (first placed -> last answered): {rate:F1}; set-up time placed -> answered p50 {Percentile(setupMs, 50):F0} ms, p99 {Percentile(setupMs, 99):F0} ms (emulator rings 1 s / {1000.0 / 20:F0}x)");
        Console.WriteLine($"  call grain state writes: {stateWrites} = {(double)stateWrites / calls:F2} per call");
        Console.WriteLine($"  call-record store: {rows} rows in {transactions} transactions = {(double)transactions / calls:F2} transactions per call (group commit)");
        Console.WriteLine($"  wallet ledger entries: {ledgerEntries} = {(double)ledgerEntries / calls:F2} per call (written by the wallet's own group commit)");
        Console.WriteLine($"  durable writes per completed call (grain state + call-record transactions): {perCall:F2}");
        return new SetUpResult(rate, perCall);
    }

    private static async Task<WebhookResult> WebhookRoundAsync(BenchSilo silo, string connectionString, BenchTenant tenant, int calls, int concurrency, string apiUrl, int round)
    {
        var grains = silo.Grains;
        var ids = Enumerable.Range(0, calls).Select(_ => PrefixedId.New<CallId>()).ToList();
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (call, _) =>
            await grains.GetCall(tenant.Id, call.id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = $"+1628555{call.i:D4}" }));
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, "answered_at IS NOT NULL AND to_number LIKE '+1628%'", calls, Patience);

        // Per call, as LiveKit's delivery produces them: the callee leaving (a transition and a durable write), the
        // same event delivered again (de-duplicated), and a late participant_joined (out of order: changes nothing).
        var events = new List<LiveKitWebhookEvent>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var id in ids)
        {
            var room = new LiveKitRoom { Name = CallRoomName.Format(tenant.Id, id) };
            var left = new LiveKitWebhookEvent
            {
                Event = "participant_left", Id = $"EV_left_{id.Value}", CreatedAt = now, Room = room,
                Participant = new LiveKitParticipantInfo { Identity = "callee", Kind = "SIP", DisconnectReason = "CLIENT_INITIATED" },
            };
            events.Add(left);
            events.Add(left);
            events.Add(new LiveKitWebhookEvent
            {
                Event = "participant_joined", Id = $"EV_join_{id.Value}", CreatedAt = now, Room = room,
                Participant = new LiveKitParticipantInfo { Identity = "callee", Kind = "SIP" },
            });
        }
        var signer = silo.Services.GetRequiredService<LiveKitWebhookSigner>();
        var target = new Uri(apiUrl.TrimEnd('/') + "/api/livekit/webhook");
        using var http = new HttpClient();
        var latencies = new double[events.Count];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(events.Select((e, i) => (e, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
        {
            using var request = signer.CreateRequest(target, item.e);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            latencies[item.i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
        });
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        var result = new WebhookResult(events.Count / elapsed.TotalSeconds, Statistics.Percentile(latencies, 50), Statistics.Percentile(latencies, 99));
        Console.WriteLine($"round {round} webhooks: {events.Count} signed events ({calls} transitions, {calls} duplicates, {calls} stale) in {elapsed.TotalSeconds:F2} s, {failures} failed");
        Console.WriteLine($"  webhook events handled/s: {result.EventsPerSecond:F0}; handling time (POST sent -> 200 received) p50 {result.P50:F1} ms, p99 {result.P99:F1} ms");
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, "status = 'ended' AND to_number LIKE '+1628%'", calls, Patience);
        return result;
    }

    private static async Task<(DateTimeOffset FirstQueued, DateTimeOffset LastAnswered)> WindowAsync(NpgsqlConnection connection, TenantId tenant)
    {
        await using var command = new NpgsqlCommand(
            "SELECT min(queued_at), max(answered_at) FROM call_records WHERE tenant_id = @t AND to_number LIKE '+1415%'", connection);
        command.Parameters.AddWithValue("t", tenant.Value);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<double[]> LatenciesAsync(NpgsqlConnection connection, TenantId tenant)
    {
        await using var command = new NpgsqlCommand(
            "SELECT extract(epoch FROM answered_at - queued_at) * 1000 FROM call_records WHERE tenant_id = @t AND to_number LIKE '+1415%' AND answered_at IS NOT NULL ORDER BY 1",
            connection);
        command.Parameters.AddWithValue("t", tenant.Value);
        var values = new List<double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add((double)reader.GetDecimal(0));
        return [.. values];
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, TenantId tenant)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tenant.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static double Percentile(double[] sorted, double percent) => sorted.Length == 0 ? double.NaN : Statistics.Percentile(sorted, percent);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
