using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Live;
using VoicePlatform.Security;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Live;

/// <summary>
/// The live floor for a tenant's supervisors and administrators, with a live hub token (<c>POST /api/live/token</c>).
/// A subscription answers with a snapshot and then sends the changes after it as <see cref="LiveEvent"/>s (method
/// <c>event</c>): a client drops an event whose source and epoch it has seen at that sequence or later, and on a gap
/// or a new epoch subscribes again for a fresh snapshot. Events that arrive while a subscription's snapshot is on
/// its way are applied after it. Another tenant's call is refused exactly like a missing one.
/// </summary>
[Authorize(Policy = PlatformPolicies.LiveHub)]
public sealed class LiveHub(LiveStreamBridge bridge, LiveCredentialWatch credentials, IGrainFactory grains, TimeProvider time) : Hub
{
    private static readonly CallStatus[] LiveStatuses = [CallStatus.Queued, CallStatus.Dialing, CallStatus.Ringing, CallStatus.Answered];
    private static readonly CampaignStatus[] ActiveCampaignStatuses = [CampaignStatus.Scheduled, CampaignStatus.Running, CampaignStatus.Paused];

    private TenantId Tenant => Context.User!.GetTenantId();

    /// <summary>Everything live in this tenant: its live calls, its scheduled, running and paused campaigns with their progress, its wallet and the last 15 minutes' figures now; then every change.</summary>
    public async Task<TenantLiveSnapshot> SubscribeTenant()
    {
        await bridge.JoinAsync(Context.ConnectionId, LiveStreamIds.Tenant(Tenant));
        var log = grains.GetGrain<ICallLogGrain>(Tenant.Value);
        var pages = await Task.WhenAll(LiveStatuses.Select(status => log.ListAsync(new CallListQuery { Status = status, Limit = VoicePlatform.ApiHost.Http.QueryFilters.MaxLimit })));
        var directory = grains.GetCampaignDirectory(Tenant);
        var active = await Task.WhenAll(ActiveCampaignStatuses.Select(status => directory.ListAsync(status, null, VoicePlatform.ApiHost.Http.QueryFilters.MaxLimit)));
        var campaigns = await Task.WhenAll(active.SelectMany(p => p.Items).Select(c => grains.GetCampaign(Tenant, c.Id).DescribeAsync()));
        var now = time.GetUtcNow();
        return new TenantLiveSnapshot
        {
            TakenAt = now,
            Floor = await log.FloorAsync(now),
            LiveCalls = [.. pages.SelectMany(p => p.Items).OrderBy(c => c.QueuedAt)],
            Campaigns = [.. campaigns.OfType<CampaignView>()],
            Wallet = await grains.GetWallet(Tenant).GetAsync(),
        };
    }

    /// <summary>One call of this tenant: the call and its transcript so far, then its changes and new segments.</summary>
    public async Task<CallLiveSnapshot> SubscribeCall(string callId)
    {
        var id = ParseCall(callId);
        var call = grains.GetCall(Tenant, id);
        await bridge.JoinAsync(Context.ConnectionId, LiveStreamIds.Call(Tenant, id));
        // Subscribed first, then watched: no event of the call's own stream falls between the two.
        var watch = await call.WatchAsync();
        if (watch is null)
        {
            await bridge.LeaveAsync(Context.ConnectionId, LiveStreamIds.Call(Tenant, id));
            throw NoSuchCall();
        }
        return new CallLiveSnapshot
        {
            TakenAt = time.GetUtcNow(), Call = watch.Call, Transcript = await call.GetTranscriptAsync() ?? [], SourceEpoch = watch.SourceEpoch, Sequence = watch.Sequence,
        };
    }

    public Task UnsubscribeCall(string callId) => bridge.LeaveAsync(Context.ConnectionId, LiveStreamIds.Call(Tenant, ParseCall(callId)));

    public Task UnsubscribeTenant() => bridge.LeaveAsync(Context.ConnectionId, LiveStreamIds.Tenant(Tenant));

    public override Task OnConnectedAsync()
    {
        LiveHubMetrics.Connected();
        // Open only as long as the key or session that opened it.
        credentials.Watch(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        LiveHubMetrics.Disconnected();
        credentials.Forget(Context.ConnectionId);
        return bridge.LeaveAllAsync(Context.ConnectionId);
    }

    private static CallId ParseCall(string callId) => PrefixedId.TryParse<CallId>(callId, out var id) ? id : throw NoSuchCall();

    private static HubException NoSuchCall() => new("There is no such call in this tenant.");
}
