using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Live;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// A supervisor whose connection stops reading (a frozen tab, a dead phone on a live socket) must never slow anyone
/// else: while it reads nothing at all, the other supervisors of the tenant get every event, in order, with no resync,
/// and the frozen one is told to resync once it reads again. The other supervisors' delays are printed with and
/// without the frozen one (figures, not assertions: the machine is shared and noisy).
/// </summary>
[Collection(DemoCallsCollection.Name)]
public sealed class SlowSupervisorTests(DemoCallsFixture host, ITestOutputHelper output)
{
    /// <summary>Transcript lines of 4,000 characters (the longest a segment may be), so a few thousand fill any socket buffer.</summary>
    private static readonly string LongLine = new('x', TranscriptSegment.MaxTextLength);

    [Fact]
    public async Task ASupervisorThatStopsReadingNeverHoldsUpTheOthers()
    {
        var tenant = await host.CreateTenantAsync("Floor");
        var key = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        var tenantId = TenantId.Parse(tenant.Id);
        var stream = host.App.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamProviders.Live).GetStream<LiveEvent>(LiveStreamIds.Tenant(tenantId));
        var healthy = new List<(HubConnection Connection, Channel<(JsonElement Event, DateTimeOffset ReceivedAt)> Events, TaskCompletionSource Resynced)>();
        for (var i = 0; i < 2; i++)
        {
            var connection = await LiveHubClient.ConnectAsync(host, key);
            var events = Channel.CreateUnbounded<(JsonElement, DateTimeOffset)>();
            var resynced = new TaskCompletionSource();
            connection.On<JsonElement>("event", e => events.Writer.TryWrite((e, DateTimeOffset.UtcNow)));
            connection.On<JsonElement>("resync", _ => resynced.TrySetResult());
            await connection.InvokeAsync<JsonElement>("SubscribeTenant");
            healthy.Add((connection, events, resynced));
        }
        try
        {
            var sequence = 0L;
            // Delays at a steady 200 events/s (the supervision benchmark's rate), first with nobody frozen.
            var baseline = await PublishAndReceiveAsync(stream, tenantId, healthy, Paced, 600, () => ++sequence);

            using var frozen = await FrozenSupervisorAsync(key);
            // A burst of 12 MB that no socket buffer holds: the frozen connection's queue overflows...
            await PublishAndReceiveAsync(stream, tenantId, healthy, burst: true, 3_000, () => ++sequence);
            // ...and the same steady load again, beside a connection that is still reading nothing.
            var withFrozen = await PublishAndReceiveAsync(stream, tenantId, healthy, Paced, 600, () => ++sequence);

            Assert.All(healthy, h => Assert.False(h.Resynced.Task.IsCompleted, "a supervisor that kept reading was told to resync"));
            output.WriteLine($"event delay of the other supervisors (publish → received), 2 clients, 200 events/s of 4 KB: " +
                $"alone p50 {Percentile(baseline, 0.5):F1} ms, p99 {Percentile(baseline, 0.99):F1} ms over {baseline.Count}; " +
                $"beside a frozen one p50 {Percentile(withFrozen, 0.5):F1} ms, p99 {Percentile(withFrozen, 0.99):F1} ms over {withFrozen.Count}");

            // The frozen supervisor, reading again, finds it was told to take a fresh snapshot: it lost what did not fit.
            Assert.True(await frozen.ReadUntilResyncAsync(), "the frozen supervisor was never told to resync");
        }
        finally
        {
            foreach (var (connection, _, _) in healthy) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Publishes <paramref name="count"/> transcript events and waits until every healthy supervisor has them all, in
    /// order; the delays (publish → received) of all of them, in milliseconds.
    /// </summary>
    private const bool Paced = false;

    private static async Task<List<double>> PublishAndReceiveAsync(IAsyncStream<LiveEvent> stream, TenantId tenant,
        List<(HubConnection Connection, Channel<(JsonElement Event, DateTimeOffset ReceivedAt)> Events, TaskCompletionSource Resynced)> healthy,
        bool burst, int count, Func<long> next)
    {
        var call = PrefixedId.New<CallId>();
        var first = -1L;
        // Load generation, not waiting: one event every 5 ms of a periodic timer.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        for (var i = 0; i < count; i++)
        {
            if (!burst) await pace.WaitForNextTickAsync();
            var sequence = next();
            if (first < 0) first = sequence;
            await stream.OnNextAsync(new LiveEvent
            {
                Type = LiveEventTypes.CallTranscript, TenantId = tenant, SourceId = "load", SourceEpoch = "e1", Sequence = sequence, At = DateTimeOffset.UtcNow,
                Payload = new CallTranscriptAdded { CallId = call, Segment = new TranscriptSegment { Id = $"s{sequence}", Speaker = Speaker.Agent, Text = LongLine, StartMs = 0, EndMs = 0, Final = true } },
            });
        }

        var delays = new List<double>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        foreach (var (_, events, _) in healthy)
        {
            for (var expected = first; expected < first + count; expected++)
            {
                var (e, receivedAt) = await events.Reader.ReadAsync(patience.Token);
                Assert.Equal(expected, e.GetProperty("sequence").GetInt64());
                delays.Add((receivedAt - e.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds);
            }
        }
        return delays;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>A supervisor on a raw WebSocket that subscribes and then reads nothing.</summary>
    private async Task<FrozenSupervisor> FrozenSupervisorAsync(string key)
    {
        using var client = host.WithKey(key);
        var token = (await (await client.PostAsync("api/live/token", null)).ReadJsonAsync()).GetProperty("token").GetString()!;
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(host.BaseAddress, "hubs/live")) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        var frozen = new FrozenSupervisor(socket);
        await frozen.SendAsync("""{"protocol":"json","version":1}""");
        await frozen.SendAsync("""{"type":1,"invocationId":"1","target":"SubscribeTenant","arguments":[]}""");
        // Read until the subscription is confirmed (its completion), then never again until the end.
        Assert.True(await frozen.ReadUntilAsync(m => m.Contains("\"invocationId\":\"1\"", StringComparison.Ordinal)));
        return frozen;
    }

    private sealed class FrozenSupervisor(ClientWebSocket socket) : IDisposable
    {
        private readonly StringBuilder _pending = new();
        private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

        public Task SendAsync(string message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(message + "\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);

        public Task<bool> ReadUntilResyncAsync() => ReadUntilAsync(m => m.Contains("\"target\":\"resync\"", StringComparison.Ordinal));

        /// <summary>Reads SignalR messages (separated by 0x1E) until one matches; false if the socket closes first.</summary>
        public async Task<bool> ReadUntilAsync(Func<string, bool> match)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, patience.Token);
                if (read.MessageType == WebSocketMessageType.Close) return false;
                var chars = new char[_utf8.GetCharCount(buffer, 0, read.Count)];
                _utf8.GetChars(buffer, 0, read.Count, chars, 0);
                _pending.Append(chars);
                var text = _pending.ToString();
                var end = text.LastIndexOf('\u001e');
                if (end < 0) continue;
                _pending.Clear().Append(text[(end + 1)..]);
                if (text[..end].Split('\u001e').Any(match)) return true;
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
