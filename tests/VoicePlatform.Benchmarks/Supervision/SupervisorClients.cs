using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using VoicePlatform.Benchmarks.Measurement;

namespace VoicePlatform.Benchmarks.Supervision;

/// <summary>
/// The load generator's side of the supervision benchmark, in a process of its own so its memory and CPU are not the
/// platform's: <c>supervision-clients --url U --key K --clients N</c> connects N .NET SignalR supervisors, each
/// subscribed to the tenant's floor, prints <c>READY</c>, records every event's delay (received − the grain's
/// publication time), and on each <c>report</c> line from stdin prints a <c>RESULT</c> line of JSON for the delays since
/// the last one; <c>stop</c> ends it.
/// </summary>
public static class SupervisorClients
{
    private static List<double> Drain(ConcurrentBag<double> bag)
    {
        var drained = new List<double>();
        while (bag.TryTake(out var value)) drained.Add(value);
        return drained;
    }

    public static async Task<int> RunAsync(CommandLine options)
    {
        var url = new Uri(options.String("url", "") + "/");
        var key = options.String("key", "");
        var count = options.Int("clients", 50);
        var delays = new ConcurrentBag<double>();
        var resyncs = 0;
        var connections = new List<HubConnection>();
        for (var i = 0; i < count; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(url, "hubs/live"), o => o.AccessTokenProvider = async () =>
                {
                    using var http = new HttpClient { BaseAddress = url };
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    var response = await http.PostAsync("api/live/token", null);
                    response.EnsureSuccessStatusCode();
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();
                })
                .Build();
            connection.On<JsonElement>("event", e =>
            {
                var at = e.GetProperty("at").GetDateTimeOffset();
                delays.Add((DateTimeOffset.UtcNow - at).TotalMilliseconds);
            });
            connection.On<JsonElement>("resync", _ => Interlocked.Increment(ref resyncs));
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("SubscribeTenant");
            connections.Add(connection);
        }

        Console.WriteLine("READY");
        // Each "report" line: the delays since the last report; "stop" (or the end of stdin): done.
        while (await Console.In.ReadLineAsync() is "report")
        {
            var sorted = Drain(delays).Order().ToArray();
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(new
            {
                events = sorted.Length,
                p50 = sorted.Length == 0 ? -1 : Statistics.Percentile(sorted, 50),
                p99 = sorted.Length == 0 ? -1 : Statistics.Percentile(sorted, 99),
                max = sorted.Length == 0 ? -1 : sorted[^1],
                resyncs = Interlocked.Exchange(ref resyncs, 0),
            }));
        }
        foreach (var connection in connections) await connection.DisposeAsync();
        return 0;
    }
}
