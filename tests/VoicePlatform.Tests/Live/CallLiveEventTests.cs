using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using VoicePlatform.Calls;
using VoicePlatform.Live;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Telephony;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// A call's live events on the tenant's and the call's streams, as a supervisor's bridge receives them: the whole
/// call after each change, in order and numbered without gaps, its transcript as it is spoken, and nothing of it on
/// another tenant's stream.
/// </summary>
[Collection(DemoCallsCollection.Name)]
public sealed class CallLiveEventTests(DemoCallsFixture host)
{
    [Fact]
    public async Task ACallsChangesAndTranscriptArriveInOrderOnItsTenantsAndItsOwnStream()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var other = await host.TenantWithCallerIdAsync();
        var provider = host.App.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamProviders.Live);
        var tenantEvents = Channel.CreateUnbounded<LiveEvent>();
        var otherEvents = Channel.CreateUnbounded<LiveEvent>();
        var tenantSubscription = await provider.GetStream<LiveEvent>(LiveStreamIds.Tenant(TenantId.Parse(tenant.Id)))
            .SubscribeAsync((e, _) => tenantEvents.Writer.WriteAsync(e).AsTask());
        var otherSubscription = await provider.GetStream<LiveEvent>(LiveStreamIds.Tenant(TenantId.Parse(other.Id)))
            .SubscribeAsync((e, _) => otherEvents.Writer.WriteAsync(e).AsTask());
        try
        {
            var placed = await PlaceAsync(tenant, DemoCallsFixture.Answers);
            var callId = CallId.FromValidated(Id(placed));
            var callEvents = Channel.CreateUnbounded<LiveEvent>();
            var callSubscription = await provider.GetStream<LiveEvent>(LiveStreamIds.Call(TenantId.Parse(tenant.Id), callId))
                .SubscribeAsync((e, _) => callEvents.Writer.WriteAsync(e).AsTask());
            // As the hub does for a supervisor: watched once subscribed, the call publishes on its own stream from here on.
            var watch = (await host.Grains().GetCall(TenantId.Parse(tenant.Id), callId).WatchAsync())!;

            // Until the call has ended with its outcome (the agent's last report). The tenant's stream carries its
            // wallet's events too (the call reserves and settles money).
            var all = new List<LiveEvent>();
            using var patience = new CancellationTokenSource(Patience);
            while (!all.Any(e => e.Payload is CallUpdated { Call: { Status: CallStatus.Ended, Outcome: not null } }))
                all.Add(await tenantEvents.Reader.ReadAsync(patience.Token));
            Assert.All(all, e => Assert.Equal(TenantId.Parse(tenant.Id), e.TenantId));
            var received = all.Where(e => e.SourceId == callId.Value).ToList();
            Assert.All(all.Except(received), e => Assert.StartsWith("wallet.", e.Type));
            Assert.Single(received.Select(e => e.SourceEpoch).Distinct());
            Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (long)i), received.Select(e => e.Sequence));

            // Every state it went through, in the lifecycle's order (ringing may be reported after the answer, and then
            // changes nothing).
            var statuses = received.Select(e => e.Payload).OfType<CallUpdated>().Select(u => u.Call.Status).Distinct().ToList();
            Assert.Equal(statuses.Order(), statuses);
            Assert.Superset(new HashSet<CallStatus> { CallStatus.Queued, CallStatus.Dialing, CallStatus.Answered, CallStatus.Ended }, statuses.ToHashSet());
            Assert.All(received.Where(e => e.Payload is CallUpdated), e => Assert.Equal(LiveEventTypes.CallUpdated, e.Type));

            var transcript = received.Select(e => e.Payload).OfType<CallTranscriptAdded>().Select(t => t.Segment).ToList();
            Assert.True(transcript.Count >= 2, $"{transcript.Count} transcript events");
            Assert.Equal(transcript.Select(s => s.StartMs).Order(), transcript.Select(s => s.StartMs));
            // What was streamed is what was stored: the same segments, final text, in the same order.
            var stored = (await (await tenant.Admin.GetAsync($"api/calls/{callId}/transcript")).ReadJsonAsync()).EnumerateArray()
                .Select(j => (j.GetProperty("id").GetString(), j.GetProperty("text").GetString())).ToList();
            Assert.Equal(stored, transcript.Where(t => t.Final).Select(t => ((string?)t.Id, (string?)t.Text)));

            // The call's own stream carried every event after the watch began, under the same numbers and epoch.
            Assert.Equal(received[0].SourceEpoch, watch.SourceEpoch);
            var onCallStream = new List<LiveEvent>();
            while (onCallStream.Count == 0 || onCallStream[^1].Sequence < received[^1].Sequence)
                onCallStream.Add(await callEvents.Reader.ReadAsync(patience.Token));
            Assert.Equal(Enumerable.Range((int)watch.Sequence + 1, onCallStream.Count).Select(i => (long)i), onCallStream.Select(e => e.Sequence));
            Assert.All(onCallStream, e => Assert.Equal((e.Type, e.SourceEpoch, e.At), received.Single(r => r.Sequence == e.Sequence) is var r ? (r.Type, r.SourceEpoch, r.At) : default));
            await callSubscription.UnsubscribeAsync();

            // Tenant B's stream carries B's own wallet, never A's call or money.
            while (otherEvents.Reader.TryRead(out var seen))
                Assert.Equal((TenantId.Parse(other.Id), other.Id), (seen.TenantId, seen.SourceId));
        }
        finally
        {
            await tenantSubscription.UnsubscribeAsync();
            await otherSubscription.UnsubscribeAsync();
        }
    }
}
