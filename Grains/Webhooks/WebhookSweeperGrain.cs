using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// Wakes endpoints whose deliveries are overdue. A new event wakes its endpoints at once and an endpoint's own timer
/// covers its next minutes; this reminder is what is left when both are gone — a silo crashed between recording an
/// event and waking the endpoint, or a retry hours away outlived its idle activation.
/// </summary>
[GrainType("webhook-sweeper")]
public sealed class WebhookSweeperGrain(
    IWebhookStore store,
    IOptions<WebhookDeliveryOptions> options,
    TimeProvider time,
    ILogger<WebhookSweeperGrain> logger) : Grain, IWebhookSweeperGrain, IRemindable
{
    private const string SweepReminder = "webhook-sweep";
    private const int Limit = 1000;
    // A delivery due this recently is left to the wake-up and timers already on their way.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public async Task StartAsync()
    {
        var period = options.Value.SweepPeriod;
        if (await this.GetReminder(SweepReminder) is null) await this.RegisterOrUpdateReminder(SweepReminder, period, period);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    public async Task<int> SweepAsync()
    {
        var overdue = await store.OverdueEndpointsAsync(time.GetUtcNow() - Grace, Limit);
        // One-way: waking never waits for a delivery.
        foreach (var (tenant, endpoint) in overdue) await GrainFactory.GetWebhookEndpoint(tenant, endpoint).WakeAsync();
        if (overdue.Count > 0) logger.LogInformation("Webhook sweep woke {Count} endpoints with overdue deliveries", overdue.Count);
        return overdue.Count;
    }
}
