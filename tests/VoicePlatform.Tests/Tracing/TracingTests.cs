using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Tracing;

/// <summary>The all-in-one host with tracing on and its spans kept in memory (OpenTelemetry's in-memory exporter).</summary>
public sealed class TracingFixture : ApiHostFixture
{
    public const string Answers = "+15125550133";

    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Tracing:Enabled", "true",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", Answers,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=0.2",
    ];

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(new QueueCollection(Spans)));

    /// <summary>The exporter wants an ICollection; a concurrent queue behind it, as spans end on many threads.</summary>
    private sealed class QueueCollection(ConcurrentQueue<Activity> queue) : ICollection<Activity>
    {
        public int Count => queue.Count;
        public bool IsReadOnly => false;
        public void Add(Activity item) => queue.Enqueue(item);
        public void Clear() => queue.Clear();
        public bool Contains(Activity item) => queue.Contains(item);
        public void CopyTo(Activity[] array, int arrayIndex) => queue.ToArray().CopyTo(array, arrayIndex);
        public bool Remove(Activity item) => throw new NotSupportedException();
        public IEnumerator<Activity> GetEnumerator() => queue.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// One call's trace: the API request, the grain calls it made in the silo (Orleans' activity propagation), and the
/// LiveKit requests those made, all one trace carrying the request's correlation id; LiveKit's webhooks about the call
/// arrive as traces of their own, each linked by the call to the trace that placed it.
/// </summary>
public sealed class TracingTests(TracingFixture host) : IClassFixture<TracingFixture>
{
    [Fact]
    public async Task ACallsRequestGrainCallsAndLiveKitRequestsAreOneTraceAndItsWebhooksLinkToIt()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var correlation = "trace-test-" + Guid.NewGuid().ToString("N")[..8];
        using var request = Request(tenant, new { agentId = tenant.AgentId, to = TracingFixture.Answers }, null);
        request.Headers.Add("X-Correlation-Id", correlation);
        var placed = await (await tenant.Admin.SendAsync(request)).ReadJsonAsync();
        var callId = Id(placed);
        await WaitUntilAsync(async () => (await GetAsync(tenant, callId)).GetProperty("status").GetString() == "answered");
        Assert.True((await tenant.Admin.PostAsync($"api/calls/{callId}/hangup", null)).IsSuccessStatusCode);

        // The POST itself: the root of the call's trace, with the correlation id.
        var post = await SpanAsync(s => s.Kind == ActivityKind.Server && s.GetTagItem(PlatformActivities.CorrelationIdTag) as string == correlation
            && (s.GetTagItem("http.request.method") as string) == "POST");
        var trace = post.TraceId;
        // The grain calls it led to, in the silo, carrying the correlation id too.
        var placing = await SpanAsync(s => s.TraceId == trace && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
            && s.Kind == ActivityKind.Server && s.DisplayName == "ICallGrain/PlaceAsync");
        Assert.Equal(correlation, placing.GetTagItem(PlatformActivities.CorrelationIdTag));
        Assert.Contains(callId, placing.GetTagItem("orleans.rpc.target_id") as string);
        // The dial: LiveKit's SIP API called in the same trace.
        var dial = await SpanAsync(s => s.TraceId == trace && s.DisplayName == "livekit SIP/CreateSIPParticipant");
        Assert.Equal(ActivityKind.Client, dial.Kind);
        Assert.Equal("CreateSIPParticipant", dial.GetTagItem("rpc.method"));
        // The room, with the agent dispatched in it, made in the same trace too.
        await SpanAsync(s => s.TraceId == trace && s.DisplayName == "livekit RoomService/CreateRoom");

        // A webhook about this call: a trace of its own (LiveKit carries no trace context), linked to the call's.
        var webhook = await SpanAsync(s => s.DisplayName.StartsWith("call ", StringComparison.Ordinal) && s.GetTagItem(PlatformActivities.CallTag) as string == callId);
        Assert.NotEqual(trace, webhook.TraceId);
        Assert.Contains(webhook.Links, l => l.Context.TraceId == trace);
        Assert.Equal(tenant.Id, webhook.GetTagItem(PlatformActivities.TenantTag));
    }

    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        Activity? found = null;
        await WaitUntilAsync(() => Task.FromResult((found = host.Spans.FirstOrDefault(match)) is not null),
            () => string.Join("\n", host.Spans.Where(s => !s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).TakeLast(40).Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.TraceId} [{string.Join(", ", s.Tags.Select(t => $"{t.Key}={t.Value}"))}]")));
        return found!;
    }
}
