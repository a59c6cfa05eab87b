using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// A tenant's endpoints as a whole. Reentrant so that wake-ups arriving during a pass fold into one more pass rather
/// than one query each: a busy tenant's thousands of events a second wake it as often, and it asks the store which
/// endpoints have work a few times instead. It remembers whether the tenant has any enabled endpoint at all, so the
/// wake-ups of a tenant without webhooks — most tenants — cost no query.
/// </summary>
[Orleans.Concurrency.Reentrant, GrainType("tenant-webhooks")]
public sealed class TenantWebhooksGrain(IWebhookStore store, TimeProvider time, ILogger<TenantWebhooksGrain> logger) : Grain, ITenantWebhooksGrain
{
    private bool _running;
    private bool _again;
    private bool? _anyEnabled;

    private TenantId Tenant => TenantId.Parse(this.GetPrimaryKeyString());

    public async Task<Page<WebhookEndpointView>> ListAsync(string? after, int limit)
    {
        var page = await store.ListEndpointsAsync(Tenant, after, limit);
        var now = time.GetUtcNow();
        return new Page<WebhookEndpointView> { Items = page.Items.Select(e => e.ToView(now)).ToList(), Next = page.Next };
    }

    public Task EndpointsChangedAsync()
    {
        _anyEnabled = null;
        return WakeAsync();
    }

    public Task WakeAsync()
    {
        if (_anyEnabled == false) return Task.CompletedTask;
        if (_running)
        {
            _again = true;
            return Task.CompletedTask;
        }
        _running = true;
        _ = PassesAsync();
        return Task.CompletedTask;
    }

    private async Task<bool> AnyEnabledAsync()
    {
        string? after = null;
        do
        {
            var page = await store.ListEndpointsAsync(Tenant, after, 200);
            if (page.Items.Any(e => e.Status == WebhookEndpointStatus.Enabled)) return true;
            after = page.Next;
        } while (after is not null);
        return false;
    }

    private async Task PassesAsync()
    {
        try
        {
            do
            {
                _again = false;
                _anyEnabled ??= await AnyEnabledAsync();
                if (_anyEnabled == false) return;
                foreach (var endpoint in await store.EndpointsWithDueAsync(Tenant, time.GetUtcNow()))
                    await GrainFactory.GetWebhookEndpoint(Tenant, endpoint).WakeAsync();
            } while (_again);
        }
        catch (Exception e)
        {
            // The deliveries are recorded: the cluster's sweep finds them within its period.
            logger.LogWarning(e, "Webhook endpoints of tenant {TenantId} could not be woken; the sweep will", Tenant);
        }
        finally
        {
            _running = false;
        }
    }
}
