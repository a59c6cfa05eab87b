using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Inbound;

/// <summary>
/// <c>inbound [--warmup 1] [--calls 400] [--rates 25,50,100] [--rounds 3] [--webhook-delay-ms 1000] [--talk-seconds 2]</c>: callers ring
/// one number of a tenant — the LiveKit emulator as carrier and LiveKit, open-loop at a fixed arrival rate, so a slow
/// answer cannot slow the callers — on the platform as in production (a silo on PostgreSQL, the API host as its client,
/// the emulator's agent worker claiming each call through the API). Per offered rate: inbound calls answered per
/// second, and the time from the INVITE to LiveKit's answer (the bridge's 200 OK once the agent's audio is there) as
/// LiveKit sees it, p50 and p99; then the same with every LiveKit webhook delayed, which the answer must not wait for.
/// </summary>
public static class InboundBenchmark
{
    private const string Number = "+15125550900";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var calls = options.Int("calls", 400);
        var rates = options.String("rates", "25,50,100").Split(',').Select(r => int.Parse(r.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rounds = options.Int("rounds", 3);
        var warmup = options.String("warmup", "1") == "0" ? 0 : options.Int("warmup", 1);
        var delayMs = options.Int("webhook-delay-ms", 1000);
        var talk = TimeSpan.FromSeconds(options.Int("talk-seconds", 2));
        Console.WriteLine($"inbound benchmark: {calls} calls per round at offered rates {string.Join(", ", rates)}/s, {rounds} rounds, callers talk {talk.TotalSeconds:F0} s; then webhooks delayed {delayMs} ms");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        var results = new List<(string Label, int Rate, List<RoundResult> Rounds)>();
        foreach (var (label, delay) in new[] { ("webhooks on time", TimeSpan.Zero), ($"webhooks {delayMs} ms late", TimeSpan.FromMilliseconds(delayMs)) })
        {
            var database = await PostgresServer.CreateDatabaseAsync(delay == TimeSpan.Zero ? "bench_inbound" : "bench_inbound_late");
            await using var platform = await BenchPlatform.StartAsync(database, o =>
            {
                o.AgentWorker.Enabled = true;
                // Present and silent: the worker claims the call, publishes its audio (the answer) and stays until the caller hangs up.
                o.AgentWorker.Converse = false;
                o.Webhook.Faults.Delay = delay;
            });
            var tenant = await InboundTenantAsync(platform);
            Console.WriteLine();
            Console.WriteLine($"-- {label} (tenant {tenant}) --");
            // Rates past one round's worth of ringing would measure the ring loop, not the platform.
            foreach (var rate in delay == TimeSpan.Zero ? rates : [rates[rates.Count / 2]])
            {
                var perRound = new List<RoundResult>();
                // A warm-up round first, not counted: a fresh process's first round pays for JIT and cold pools.
                for (var round = 1 - warmup; round <= rounds; round++)
                {
                    var result = await RoundAsync(platform, database, tenant, calls, rate, talk, round + warmup);
                    if (round >= 1) perRound.Add(result);
                }
                results.Add((label, rate, perRound));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| webhooks | offered calls/s | answered calls/s (median) | INVITE -> answer p50 (median) | p99 (median) | answered of rung | rounds |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (label, rate, perRound) in results)
        {
            Console.WriteLine($"| {label} | {rate} | {Statistics.Median(perRound.Select(r => r.AnsweredPerSecond).ToList()):F1} | " +
                $"{Statistics.Median(perRound.Select(r => r.P50).ToList()):F0} ms | {Statistics.Median(perRound.Select(r => r.P99).ToList()):F0} ms | " +
                $"{perRound.Sum(r => r.Answered)}/{perRound.Sum(r => r.Rung)} | {string.Join("; ", perRound.Select(r => $"{r.AnsweredPerSecond:F1}/s p99 {r.P99:F0} ms"))} |");
            var key = $"inbound.{(label.Contains("late", StringComparison.Ordinal) ? "late" : "on-time")}.{rate}";
            Figures.Emit(key + ".answered", perRound.Select(r => r.AnsweredPerSecond).ToList(), "calls/s", label);
            Figures.Emit(key + ".p50", perRound.Select(r => r.P50).ToList(), "ms");
            Figures.Emit(key + ".p99", perRound.Select(r => r.P99).ToList(), "ms");
        }
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    private sealed record RoundResult(int Rung, int Answered, double AnsweredPerSecond, double P50, double P99);

    /// <summary>A tenant whose number answers with its agent, with lines enough that no cap turns a caller away.</summary>
    private static async Task<TenantId> InboundTenantAsync(BenchPlatform platform)
    {
        var silo = platform.Silo;
        var tenant = await BenchTenant.CreateAsync(silo, "+16502530000", concurrencyLimit: 10_000);
        await silo.Grains.GetTenant(tenant.Id).UpdateAsync(new UpdateTenant { Settings = new TenantSettingsPatch { InboundConcurrencyLimit = 10_000 } });
        var number = await silo.Grains.GetPhoneNumber(tenant.Id, PrefixedId.New<PhoneNumberId>()).CreateAsync(new PhoneNumberSettings
        {
            Number = Number, Label = "Reception", Inbound = new InboundRouting { AgentId = tenant.Agent },
        });
        if (number.Value?.LiveKitDispatchRuleId is null) throw new InvalidOperationException($"the number has no dispatch rule: {number.Outcome} {number.Detail}");
        return tenant.Id;
    }

    private static async Task<RoundResult> RoundAsync(BenchPlatform platform, string database, TenantId tenant, int calls, int rate, TimeSpan talk, int round)
    {
        var simulator = platform.EmulatorServices!.GetRequiredService<InboundCallSimulator>();
        var rung = new ConcurrentDictionary<string, InboundCall>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new ConcurrentDictionary<string, InboundCall>();
        void OnChanged(InboundCall call)
        {
            if (!rung.ContainsKey(call.SipCallId) || call.Status == "ringing") return;
            // Answered, or turned away: either way this call's answer is known — its first change out of ringing counts.
            if (settled.TryAdd(call.SipCallId, call) && settled.Count == calls) done.TrySetResult();
        }
        simulator.CallChanged += OnChanged;
        try
        {
            var clock = Stopwatch.StartNew();
            var ringing = new List<Task>(calls);
            for (var i = 0; i < calls; i++)
            {
                // Open loop: each caller at its own time, whatever became of the ones before.
                var due = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                // Valid NANP numbers (exchange 2xx-9xx), a new one for every call of the run.
                var from = $"+1415{200 + round * 10 + rate % 10}{i:D4}";
                ringing.Add(Task.Run(async () =>
                {
                    var call = await simulator.RingAsync(new InboundCallRequest(from, Number, talk), CancellationToken.None);
                    // A change reported before this entry existed is read back from the simulator.
                    rung.TryAdd(call.SipCallId, call);
                    if (simulator.Find(call.SipCallId) is { Status: not "ringing" } already) OnChanged(already);
                }));
            }
            await Task.WhenAll(ringing);
            await done.Task.WaitAsync(Patience);
        }
        finally
        {
            simulator.CallChanged -= OnChanged;
        }

        var all = settled.Values.ToList();
        var answered = all.Where(c => c.AnsweredAt is not null).ToList();
        var latencies = answered.Select(c => (c.AnsweredAt!.Value - c.InvitedAt).TotalMilliseconds).Order().ToList();
        var window = answered.Max(c => c.AnsweredAt!.Value) - all.Min(c => c.InvitedAt);
        var perSecond = answered.Count / window.TotalSeconds;
        // The platform's own record: every answered call is an inbound call answered in the call list.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM call_records WHERE tenant_id = @t AND direction = 'inbound' AND answered_at IS NOT NULL", connection);
        command.Parameters.AddWithValue("t", tenant.Value);
        var recorded = (long)(await command.ExecuteScalarAsync())!;
        var result = new RoundResult(all.Count, answered.Count, perSecond, Percentile(latencies, 50), Percentile(latencies, 99));
        Console.WriteLine($"round {round} at {rate}/s: {answered.Count}/{all.Count} answered in {window.TotalSeconds:F2} s = {perSecond:F1}/s; " +
            $"INVITE -> answer p50 {result.P50:F0} ms, p99 {result.P99:F0} ms, max {latencies.LastOrDefault():F0} ms; answered calls in the platform's records so far: {recorded}");
        // Let this round's callers hang up before the next round rings.
        await Task.Delay(talk + TimeSpan.FromSeconds(1));
        return result;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
