using System.Diagnostics;
using Npgsql;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Benchmarks.Webhooks;

/// <summary>
/// <c>webhooks [--calls 400] [--rounds 3]</c>: the tenant's outbound webhooks as its receiver sees them. Each round
/// places calls that ring, talk and end; every event they make (call.started, call.answered, call.ended, …) is
/// delivered, signed, to a receiver on loopback that answers 200 at once. Figures: deliveries per second while the
/// events are being made, and each delivery's lag from the event's own time to its arrival.
/// </summary>
public static class OutboundWebhooksBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var calls = options.Int("calls", 400);
        var rounds = options.Int("rounds", 3);

        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        var received = receiver.Received;
        var receiverUrl = receiver.Url;

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_outbound_webhooks");
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=1;hangup=2" }];
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
            Console.WriteLine($"round {round}: {mine.Count} deliveries received ({expected} recorded delivered) over {window:F1} s = {rates[^1]:F0}/s; " +
                $"lag from the event's time p50 {p50s[^1]:F0} ms, p99 {p99s[^1]:F0} ms, max {lags[^1]:F0} ms; " +
                $"call.started and call.answered (no settlement to wait for) p50 {pipelineP50s[^1]:F0} ms, p99 {pipelineP99s[^1]:F0} ms");
        }
        Figures.Emit("webhooks.deliveries", rates, "deliveries/s", $"{calls} calls per round");
        Figures.Emit("webhooks.lag.p50", p50s, "ms");
        Figures.Emit("webhooks.lag.p99", p99s, "ms", "call.ended included: it waits the settlement grace");
        Figures.Emit("webhooks.pipeline-lag.p50", pipelineP50s, "ms", "call.started and call.answered");
        Figures.Emit("webhooks.pipeline-lag.p99", pipelineP99s, "ms", "call.started and call.answered");
        return 0;
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
