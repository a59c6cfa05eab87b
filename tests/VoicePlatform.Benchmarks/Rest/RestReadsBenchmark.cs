using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoicePlatform.ApiKeys;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Rest;

/// <summary>
/// <c>rest [--rate 1000] [--seconds 15] [--rounds 3] [--calls 200] [--connections 64]</c>: <c>GET /api/calls/{id}</c>
/// through the API host (authentication by API key, one grain call through the gateway, JSON) at a fixed arrival rate
/// from <see cref="OpenLoopLoad"/> in a process of its own on loopback, over calls that were really placed and ended.
/// Beside it, in the same run, the same generator against the host's liveness probe (no key, no grain): the floor of
/// HTTP on this machine with this generator.
/// </summary>
public static class RestReadsBenchmark
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 1000);
        var seconds = options.Int("seconds", 15);
        var rounds = options.Int("rounds", 3);
        var calls = options.Int("calls", 200);
        var connections = options.Int("connections", 64);

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_rest");
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=0;hangup=1" }];
        });
        var silo = platform.Silo;
        var tenant = await BenchTenant.CreateAsync(silo, "+14155550100", concurrencyLimit: 500);
        var issued = await silo.Grains.GetTenant(tenant.Id).IssueApiKeyAsync(new IssueApiKey { Name = "reader", Role = ApiKeyRole.Supervisor, IssuedBy = "operator" });
        var key = issued.Token ?? throw new InvalidOperationException("No key issued.");

        var ids = Enumerable.Range(0, calls).Select(_ => PrefixedId.New<CallId>()).ToList();
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (call, _) =>
            await silo.Grains.GetCall(tenant.Id, call.id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = $"+1415556{call.i:D4}" }));
        await CallRecordCounts.WaitUntilAsync(connectionString, tenant.Id, "ended_at IS NOT NULL", calls, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(200));
        var paths = Path.GetTempFileName();
        await File.WriteAllLinesAsync(paths, ids.Select(id => $"/api/calls/{id}"));
        var probe = Path.GetTempFileName();
        await File.WriteAllLinesAsync(probe, ["/health/live"]);
        Console.WriteLine($"rest: GET /api/calls/{{id}} over {calls} ended calls at {rate}/s for {seconds} s, {rounds} rounds, {connections} connections; generator: `http-load` (open loop, this program in its own process)");

        var reads = new Dictionary<string, List<double>>();
        var floor = new Dictionary<string, List<double>>();
        for (var round = 1; round <= rounds; round++)
        {
            await GenerateAsync(platform.ApiUrl, paths, key, rate, seconds, connections, reads, $"round {round} GET /api/calls/{{id}}");
            await GenerateAsync(platform.ApiUrl, probe, null, rate, Math.Max(5, seconds / 3), connections, floor, $"round {round} GET /health/live");
        }
        foreach (var (figure, values) in reads) Figures.Emit("rest.get-call." + figure, values, figure == "errors" ? "requests" : figure == "offered" ? "requests/s" : "ms");
        foreach (var (figure, values) in floor) Figures.Emit("rest.liveness." + figure, values, figure == "errors" ? "requests" : figure == "offered" ? "requests/s" : "ms");
        File.Delete(paths);
        File.Delete(probe);
        return 0;
    }

    private static async Task GenerateAsync(string baseUrl, string paths, string? key, int rate, int seconds, int connections, Dictionary<string, List<double>> into, string label)
    {
        List<string> arguments = ["http-load", "--base", baseUrl, "--paths", paths, "--rate", rate.ToString(), "--seconds", seconds.ToString(), "--connections", connections.ToString()];
        if (key is not null) arguments.AddRange(["--key", key]);
        var exit = await SelfProcess.RunAsync(arguments, (line, error) =>
        {
            if (Figures.Parse(line) is { } figure)
            {
                var name = figure.Key["http-load.".Length..];
                (into.TryGetValue(name, out var list) ? list : into[name] = []).Add(figure.Median);
            }
            else Console.WriteLine($"  {label}{(error ? " !" : ":")} {line}");
        });
        if (exit != 0) throw new InvalidOperationException($"http-load exited with {exit}");
    }
}
