using VoicePlatform.Common;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>What both webhook stores promise: fan-out by type to enabled endpoints, once per event id, and the delivery log.</summary>
public abstract class WebhookStoreContract
{
    protected static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract IWebhookStore Store { get; }

    protected static WebhookEndpointRecord Endpoint(TenantId tenant, params string[] types) => new()
    {
        TenantId = tenant, Id = PrefixedId.New<WebhookEndpointId>(), Settings = new WebhookEndpointSettings { Url = "https://hooks.example/in", EventTypes = types },
        Status = WebhookEndpointStatus.Enabled, Secret = WebhookSecrets.Create(), Revision = 1, CreatedAt = Noon, UpdatedAt = Noon,
    };

    protected static TenantEvent Event(TenantId tenant, string type, string source = "cal_x", long sequence = 1) => new()
    {
        Id = TenantEvent.IdFor(tenant, source, sequence, type), Type = type, TenantId = tenant, SourceId = source, Sequence = sequence, At = Noon,
        PayloadJson = """{"n":1}""",
    };

    [Fact]
    public async Task AnEventFansOutToTheEnabledEndpointsThatWantItOnceWhateverTheRepeats()
    {
        var tenant = TenantId.New();
        var all = Endpoint(tenant);
        var callsOnly = Endpoint(tenant, WebhookEventTypes.CallEnded);
        var disabled = Endpoint(tenant) with { Status = WebhookEndpointStatus.Disabled };
        var elsewhere = Endpoint(TenantId.New());
        foreach (var e in new[] { all, callsOnly, disabled, elsewhere }) Assert.True(await Store.SaveEndpointAsync(e));

        var ended = Event(tenant, WebhookEventTypes.CallEnded);
        var credited = Event(tenant, WebhookEventTypes.WalletCredited, tenant.Value, 7);
        Assert.Equal(3, await Store.AppendAsync([ended, credited]));
        // The same events again (a crash's replay, a retried save): nothing new.
        Assert.Equal(0, await Store.AppendAsync([ended, credited]));
        Assert.Equal(0, await Store.AppendAsync([ended]));

        var due = await Store.DueAsync(tenant, all.Id, Noon.AddYears(10), 10);
        Assert.Equal(new[] { ended.Id, credited.Id }.Order(), due.Select(d => d.Event.Id).Order());
        Assert.Equal(ended.PayloadJson, due.Single(d => d.Event.Id == ended.Id).Event.PayloadJson);
        Assert.Single(await Store.DueAsync(tenant, callsOnly.Id, Noon.AddYears(10), 10));
        Assert.Empty(await Store.DueAsync(tenant, disabled.Id, Noon.AddYears(10), 10));
        Assert.Empty(await Store.DueAsync(elsewhere.TenantId, elsewhere.Id, Noon.AddYears(10), 10));
        Assert.Equal([all.Id, callsOnly.Id], (await Store.EndpointsWithDueAsync(tenant, Noon.AddYears(10))).OrderBy(i => i == all.Id ? 0 : 1));


        // An endpoint created later does not get an event recorded before it, however often it is recorded again.
        var late = Endpoint(tenant);
        await Store.SaveEndpointAsync(late);
        Assert.Equal(0, await Store.AppendAsync([ended, credited]));
        Assert.Empty(await Store.DueAsync(tenant, late.Id, Noon.AddYears(10), 10));
        // An event nobody wants is not kept.
        Assert.Equal(0, await Store.AppendAsync([Event(TenantId.New(), WebhookEventTypes.CallEnded)]));
    }

    [Fact]
    public async Task AttemptsMoveADeliveryToDeliveredDueAgainOrDeadAndTheLogKeepsThemAll()
    {
        var tenant = TenantId.New();
        var endpoint = Endpoint(tenant);
        await Store.SaveEndpointAsync(endpoint);
        await Store.AppendAsync([Event(tenant, WebhookEventTypes.CallStarted), Event(tenant, WebhookEventTypes.CallEnded, sequence: 3), Event(tenant, WebhookEventTypes.CallAnswered, sequence: 2)]);
        var due = await Store.DueAsync(tenant, endpoint.Id, Noon.AddYears(10), 10);
        Assert.Equal(3, due.Count);
        var later = DateTimeOffset.UtcNow.AddMinutes(5);
        await Store.RecordAttemptsAsync(tenant, endpoint.Id,
        [
            new AttemptRecord(due[0].DeliveryId, new WebhookAttempt { Number = 1, At = Noon, StatusCode = 200, LatencyMs = 12 }, WebhookDeliveryStatus.Delivered, null),
            new AttemptRecord(due[1].DeliveryId, new WebhookAttempt { Number = 1, At = Noon, StatusCode = 500, LatencyMs = 30, Error = "HTTP 500: no" }, WebhookDeliveryStatus.Pending, StoredTime.TruncateToMicroseconds(later)),
            new AttemptRecord(due[2].DeliveryId, new WebhookAttempt { Number = 1, At = Noon, LatencyMs = 1000, Error = "No answer" }, WebhookDeliveryStatus.Dead, null),
        ]);
        Assert.Empty(await Store.DueAsync(tenant, endpoint.Id, DateTimeOffset.UtcNow, 10));
        Assert.Equal(StoredTime.TruncateToMicroseconds(later), await Store.NextDueAtAsync(tenant, endpoint.Id));
        Assert.Single(await Store.DueAsync(tenant, endpoint.Id, later, 10));
        Assert.Contains((tenant, endpoint.Id), await Store.OverdueEndpointsAsync(later.AddSeconds(1), 100));

        var log = await Store.ListDeliveriesAsync(tenant, endpoint.Id, new WebhookDeliveryQuery { Limit = 2 });
        Assert.Equal(2, log.Items.Count);
        Assert.True(long.Parse(log.Items[0].Id[4..]) > long.Parse(log.Items[1].Id[4..]));
        var rest = await Store.ListDeliveriesAsync(tenant, endpoint.Id, new WebhookDeliveryQuery { Limit = 2, After = log.Next });
        Assert.Single(rest.Items);
        Assert.Null(rest.Next);
        var dead = await Store.ListDeliveriesAsync(tenant, endpoint.Id, new WebhookDeliveryQuery { Status = WebhookDeliveryStatus.Dead });
        Assert.Equal(due[2].DeliveryId, long.Parse(Assert.Single(dead.Items).Id[4..]));

        var (delivery, item) = (await Store.GetDeliveryAsync(tenant, endpoint.Id, due[1].DeliveryId))!.Value;
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(500, delivery.LastStatusCode);
        Assert.Equal("HTTP 500: no", Assert.Single(delivery.AttemptLog!).Error);
        Assert.Equal(item.Id, delivery.EventId);
        Assert.Contains(item.Id, delivery.Body);
        Assert.Null(await Store.GetDeliveryAsync(TenantId.New(), endpoint.Id, due[1].DeliveryId));

        await Store.DeleteEndpointAsync(tenant, endpoint.Id);
        Assert.Null(await Store.GetEndpointAsync(tenant, endpoint.Id));
        Assert.Empty((await Store.ListDeliveriesAsync(tenant, endpoint.Id, new WebhookDeliveryQuery())).Items);
    }

    [Fact]
    public async Task AnEndpointIsWrittenOnlyForwardAndListedByTenant()
    {
        var tenant = TenantId.New();
        var endpoint = Endpoint(tenant);
        Assert.True(await Store.SaveEndpointAsync(endpoint));
        Assert.False(await Store.SaveEndpointAsync(endpoint with { Settings = endpoint.Settings with { Url = "https://other.example/" } }));
        var rotated = endpoint with { Revision = 2, PreviousSecret = endpoint.Secret, PreviousSecretExpiresAt = Noon.AddDays(1), Secret = WebhookSecrets.Create(), FailingSince = Noon };
        Assert.True(await Store.SaveEndpointAsync(rotated));
        var read = await Store.GetEndpointAsync(tenant, endpoint.Id);
        Assert.Equal(rotated.Secret, read!.Secret);
        Assert.Equal(endpoint.Secret, read.PreviousSecret);
        Assert.Equal(Noon, read.FailingSince);
        Assert.Equal(2, read.Revision);
        Assert.Equal(["https://hooks.example/in"], (await Store.ListEndpointsAsync(tenant, null, 10)).Items.Select(e => e.Settings.Url));
        Assert.Empty((await Store.ListEndpointsAsync(TenantId.New(), null, 10)).Items);
    }
}

public sealed class InMemoryWebhookStoreTests : WebhookStoreContract
{
    protected override IWebhookStore Store { get; } = new InMemoryWebhookStore();
}
