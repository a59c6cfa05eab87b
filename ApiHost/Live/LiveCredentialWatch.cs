using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using VoicePlatform.Security;
using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Live;

/// <summary>
/// A live hub connection ends with the credential that opened it. The hub token is short-lived, but a connection it
/// opened is not: without this, a supervisor signed out, removed or whose key was revoked would go on watching the
/// floor. Every <c>Live:CredentialCheckPeriod</c> (30 s) each credential with open connections on this host is asked
/// once — the session kept by its person's grain, the key not revoked, the tenant active — and the connections of one
/// that is gone are closed. A credential that cannot be checked now (a grain call failed) is asked again next time.
/// </summary>
public sealed class LiveCredentialWatch(IGrainFactory grains, LiveCredentialCheck check, TimeProvider time, ILogger<LiveCredentialWatch> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Watched> _connections = new(StringComparer.Ordinal);

    private sealed record Watched(HubCallerContext Context, TenantId Tenant, LiveCredential Credential);

    public void Watch(HubCallerContext context) =>
        _connections[context.ConnectionId] = new Watched(context, context.User!.GetTenantId(), LiveCredentials.Of(context.User!));

    public void Forget(string connectionId) => _connections.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(check.Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await SweepAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Closes the connections whose credential has ended; each credential is asked once however many connections it has.</summary>
    public async Task SweepAsync()
    {
        foreach (var group in _connections.Values.GroupBy(w => (w.Tenant, w.Credential)))
        {
            if (await WhyEndedAsync(group.Key.Tenant, group.Key.Credential) is not { } why) continue;
            foreach (var watched in group)
            {
                logger.LogInformation("Live connection {ConnectionId} of tenant {TenantId} closed: {Reason}", watched.Context.ConnectionId, watched.Tenant, why);
                Forget(watched.Context.ConnectionId);
                watched.Context.Abort();
            }
        }
    }

    private async Task<string?> WhyEndedAsync(TenantId tenant, LiveCredential credential)
    {
        try
        {
            if (await grains.GetTenant(tenant).GetAsync() is not { Status: TenantStatus.Active }) return "the tenant is not active";
            if (credential is { User: { } user, Session: { } session })
                return await grains.GetUser(user).KeepsSessionAsync(session) ? null : "the session ended (signed out, expired, or the person removed)";
            if (credential.Key is { } key)
                return await grains.GetApiKey(key).GetAsync(tenant) is { RevokedAt: null } ? null : "the API key was revoked";
            return null;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Live connections of tenant {TenantId}: their credential could not be checked; asked again next time", tenant);
            return null;
        }
    }
}
