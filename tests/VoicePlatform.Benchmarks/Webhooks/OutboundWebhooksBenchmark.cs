using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Benchmarks.Webhooks;

/// <summary>
/// <c>webhooks [--calls 400] [--rounds 3] [--backlog 2000] [--trickle-rate 50] [--trickle-seconds 10] [--livekit-webhook-concurrency 16]</c>: the tenant's outbound webhooks as its receiver sees them. Each round
/// places calls that ring, talk and end; every event they make (call.started, call.answered, call.ended, …) is
/// delivered, signed, to a receiver on loopback that answers 200 at once. Figures: deliveries per second while the
/// events are being made, and each delivery's lag from the event's own time to its arrival (and the part of it before
/// the event was recorded in the outbox); then the pipeline apart from the calls: one endpoint's rate on a backlog, and
/// its lag at a steady rate below that.
/// </summary>
public static class OutboundWebhooksBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var calls = options.Int("calls", 400);
        var rounds = options.Int("rounds", 3);
        var liveKitWebhookConcurrency = options.Int("livekit-webhook-concurrency", 16);

        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        var received = receiver.Received;
        var receiverUrl = receiver.Url;

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_outbound_webhooks");
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=1;hangup=2" }];
            // LiveKit's own webhooks (the emulator's) several at once, as the campaigns benchmark sends them: one at a
            // time, 400 calls' joins and departures queue for seconds, and the platform hears of each answer that late —
            // a lag of the emulator's queue, not of the deliveries measured here.
            o.Webhook.Concurrency = liveKitWebhookConcurrency;
        }, siloConfiguration: LoopbackWebhookReceiver.SiloConfiguration);
        var silo = platform.Silo;
        Console.WriteLine($"webhooks: {calls} calls per round, {rounds} rounds; every event delivered to a receiver on loopback answering 200 at once");

        var rates = new List<double>();
        var p50s = new List<double>();
        var p99s = new List<double>();
        // call.ended waits for the call's settlement (it carries the price), which waits Calls:Metering:SettlementGrace for
        // the worker's last usage: its lag from the end is that grace by design. The delivery pipeline's own lag is the
        // other events'.
        var pipelineP50s = new List<double>();
        var pipelineP99s = new List<double>();
        var toOutboxP50s = new List<double>();
        var toOutboxP99s = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var tenant = await BenchTenant.CreateAsync(silo, $"+1707555{round:D4}", concurrencyLimit: 500);
            var created = await silo.Grains.GetWebhookEndpoint(tenant.Id, PrefixedId.New<WebhookEndpointId>()).CreateAsync(new WebhookEndpointSettings { Url = receiverUrl });
            if (created.Value is null) throw new InvalidOperationException($"Endpoint not created: {created.Outcome} {created.Detail}");

            var ids = Enumerable.Range(0, calls).Select(_ => PrefixedId.New<CallId>()).ToList();
            await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (call, _) =>
                await silo.Grains.GetCall(tenant.Id, call.id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = $"+1707556{call.i:D4}" }));
            var expected = await SettledDeliveriesAsync(connectionString, tenant.Id, calls);
            var mine = received.Where(r => r.Tenant == tenant.Id.Value).ToList();
            var lags = mine.Select(r => (r.Arrived - r.At).TotalMilliseconds).Order().ToArray();
            var window = (mine.Max(r => r.Arrived) - mine.Min(r => r.Arrived)).TotalSeconds;
            rates.Add(mine.Count / window);
            p50s.Add(Statistics.Percentile(lags, 50));
            p99s.Add(Statistics.Percentile(lags, 99));
            var pipeline = mine.Where(r => r.Type != WebhookEventTypes.CallEnded).Select(r => (r.Arrived - r.At).TotalMilliseconds).Order().ToArray();
            pipelineP50s.Add(Statistics.Percentile(pipeline, 50));
            pipelineP99s.Add(Statistics.Percentile(pipeline, 99));
            // Where the lag is: from the event's own time to its recording in the outbox (the platform learning of it), and
            // from the recording to the receiver.
            var (toOutbox50, toOutbox99) = await OutboxLagAsync(connectionString, tenant.Id);
            toOutboxP50s.Add(toOutbox50);
            toOutboxP99s.Add(toOutbox99);
            Console.WriteLine($"round {round}: {mine.Count} deliveries received ({expected} recorded delivered) over {window:F1} s = {rates[^1]:F0}/s; " +
                $"lag from the event's time p50 {p50s[^1]:F0} ms, p99 {p99s[^1]:F0} ms, max {lags[^1]:F0} ms; " +
                $"call.started and call.answered (no settlement to wait for) p50 {pipelineP50s[^1]:F0} ms, p99 {pipelineP99s[^1]:F0} ms, " +
                $"of which event time -> recorded in the outbox p50 {toOutbox50:F0} ms, p99 {toOutbox99:F0} ms");
        }
        await DeliveryCapacityAsync(silo, receiver, options.Int("backlog", 2000), options.Int("trickle-rate", 50), options.Int("trickle-seconds", 10), rounds);
        Figures.Emit("webhooks.deliveries", rates, "deliveries/s", $"{calls} calls per round");
        Figures.Emit("webhooks.lag.p50", p50s, "ms");
        Figures.Emit("webhooks.lag.p99", p99s, "ms", "call.ended included: it waits the settlement grace");
        Figures.Emit("webhooks.pipeline-lag.p50", pipelineP50s, "ms", "call.started and call.answered");
        Figures.Emit("webhooks.pipeline-lag.p99", pipelineP99s, "ms", "call.started and call.answered");
        Figures.Emit("webhooks.to-outbox.p50", toOutboxP50s, "ms", "call.started and call.answered: event time to its recording");
        Figures.Emit("webhooks.to-outbox.p99", toOutboxP99s, "ms", "call.started and call.answered: event time to its recording");
        return 0;
    }

    private static async Task<(double P50, double P99)> OutboxLagAsync(string connectionString, TenantId tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT 1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY recorded_at - occurred_at)),
                   1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY recorded_at - occurred_at))
            FROM webhook_events WHERE tenant_id = @t AND type IN ('call.started', 'call.answered')
            """, connection);
        command.Parameters.AddWithValue("t", tenant.Value);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    /// <summary>
    /// The delivery pipeline apart from the calls that feed it: (1) its capacity — a backlog of events recorded at once
    /// (as a busy tenant's burst is), the endpoint woken as the outbox wakes it, and the time until the receiver has them
    /// all; (2) its lag below that rate — events recorded one at a time at a steady rate, each with its tenant woken, and
    /// the time from each event's recording to its arrival.
    /// </summary>
    private static async Task DeliveryCapacityAsync(BenchSilo silo, LoopbackWebhookReceiver receiver, int backlog, int trickleRate, int trickleSeconds, int rounds)
    {
        var store = silo.Services.GetRequiredService<IWebhookStore>();
        var capacity = new List<double>();
        var trickleP50s = new List<double>();
        var trickleP99s = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var tenant = await BenchTenant.CreateAsync(silo, $"+1707557{round:D4}", concurrencyLimit: 10);
            var created = await silo.Grains.GetWebhookEndpoint(tenant.Id, PrefixedId.New<WebhookEndpointId>()).CreateAsync(new WebhookEndpointSettings { Url = receiver.Url });
            if (created.Value is null) throw new InvalidOperationException($"Endpoint not created: {created.Outcome} {created.Detail}");

            var burst = Enumerable.Range(0, backlog).Select(i => Event(tenant.Id, $"bench-backlog-{i}", DateTimeOffset.UtcNow)).ToList();
            await store.AppendAsync(burst);
            var clock = Stopwatch.StartNew();
            await silo.Grains.GetTenantWebhooks(tenant.Id).WakeAsync();
            await ArrivedAsync(receiver, tenant.Id, backlog);
            capacity.Add(backlog / clock.Elapsed.TotalSeconds);

            var total = trickleRate * trickleSeconds;
            var started = Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                // Open loop: each event at its own time, however long the last took.
                var due = TimeSpan.FromSeconds(i / (double)trickleRate) - started.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                await store.AppendAsync([Event(tenant.Id, $"bench-trickle-{i}", DateTimeOffset.UtcNow)]);
                await silo.Grains.GetTenantWebhooks(tenant.Id).WakeAsync();
            }
            await ArrivedAsync(receiver, tenant.Id, backlog + total);
            var lags = receiver.Received.Where(r => r.Tenant == tenant.Id.Value && r.Type == WebhookEventTypes.CallAnswered)
                .Select(r => (r.Arrived - r.At).TotalMilliseconds).Order().ToArray();
            trickleP50s.Add(Statistics.Percentile(lags, 50));
            trickleP99s.Add(Statistics.Percentile(lags, 99));
            Console.WriteLine($"capacity round {round}: a backlog of {backlog} events delivered at {capacity[^1]:F0}/s; {total} events at {trickleRate}/s: lag p50 {trickleP50s[^1]:F0} ms, p99 {trickleP99s[^1]:F0} ms");
        }
        Figures.Emit("webhooks.capacity", capacity, "deliveries/s", $"a backlog of {backlog} events, one endpoint");
        Figures.Emit("webhooks.trickle-lag.p50", trickleP50s, "ms", $"{trickleRate} events/s");
        Figures.Emit("webhooks.trickle-lag.p99", trickleP99s, "ms", $"{trickleRate} events/s");
    }

    /// <summary>An event of a real type (endpoints take the types they subscribe to): the backlog's call.started, the steady ones' call.answered.</summary>
    private static TenantEvent Event(TenantId tenant, string source, DateTimeOffset at)
    {
        var type = source.StartsWith("bench-trickle", StringComparison.Ordinal) ? WebhookEventTypes.CallAnswered : WebhookEventTypes.CallStarted;
        return new() { Id = TenantEvent.IdFor(tenant, source, 1, type), Type = type, TenantId = tenant, SourceId = source, Sequence = 1, At = at, PayloadJson = "{}" };
    }

    private static async Task ArrivedAsync(LoopbackWebhookReceiver receiver, TenantId tenant, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (receiver.Received.Count(r => r.Tenant == tenant.Value) < expected)
        {
            if (clock.Elapsed > Patience) throw new TimeoutException($"only {receiver.Received.Count(r => r.Tenant == tenant.Value)} of {expected} deliveries arrived");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until every call of the tenant ended and nothing is pending for its endpoint; answers the deliveries made.</summary>
    private static async Task<long> SettledDeliveriesAsync(string connectionString, TenantId tenant, int calls)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM call_records WHERE tenant_id = @t AND settled),
                       (SELECT count(*) FROM webhook_deliveries WHERE tenant_id = @t AND status = 'pending'),
                       (SELECT count(*) FROM webhook_deliveries WHERE tenant_id = @t AND status = 'delivered')
                """, connection);
            command.Parameters.AddWithValue("t", tenant.Value);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (settled, pending, delivered) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (settled >= calls && pending == 0 && delivered > 0) return delivered;
            await Task.Delay(250);
        }
        throw new TimeoutException("The calls' webhooks were not all delivered in time.");
    }
}
