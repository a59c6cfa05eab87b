using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// One outbound webhook endpoint: its settings and secrets (its row in the store, this grain its only writer), and the
/// delivery of its events. Deliveries go out when something wakes it — a new event, its own timer for retries due in
/// the next minutes, the cluster's sweep for later ones — in passes of at most <see cref="WebhookDeliveryOptions.Concurrency"/>
/// POSTs at a time; each attempt is stored with where it leaves its delivery (delivered, due again, dead). Reentrant:
/// a pass waits on receivers that may take seconds, and reads and commands must not queue behind it.
/// </summary>
[Orleans.Concurrency.Reentrant, GrainType("webhook-endpoint")]
public sealed class WebhookEndpointGrain(
    IWebhookStore store,
    WebhookSender sender,
    IOptions<WebhookDeliveryOptions> options,
    TimeProvider time,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain
{
    private (TenantId Tenant, WebhookEndpointId Endpoint)? _key;
    private WebhookEndpointRecord? _record;
    private bool _loaded;
    private bool _delivering;
    private bool _again;
    private IGrainTimer? _retryTimer;
    private DateTimeOffset? _retryDueAt;
    private RetrySchedule? _schedule;
    private WebhookTargetPolicy? _policy;

    private (TenantId Tenant, WebhookEndpointId Endpoint) Key => _key ??= TenantScopedKey.Parse<WebhookEndpointId>(this.GetPrimaryKeyString());

    private WebhookDeliveryOptions Options => options.Value;

    private ITenantWebhooksGrain TenantWebhooks => GrainFactory.GetTenantWebhooks(Key.Tenant);

    private RetrySchedule Schedule => _schedule ??= new RetrySchedule(Options);

    private WebhookTargetPolicy Policy => _policy ??= new WebhookTargetPolicy(Options);

    private DateTimeOffset Now() => time.GetStoredUtcNow();

    /// <summary>
    /// Deliveries per pass for each sender: a pass costs a query for the due deliveries and one write of their attempts,
    /// so at the default 4 senders 64 deliveries share them (16 did before). A crash mid-pass sends the pass's
    /// unrecorded ones again, under the same event ids.
    /// </summary>
    private const int BatchPerSender = 16;

    private async Task<WebhookEndpointRecord?> RecordAsync()
    {
        if (!_loaded)
        {
            _record = await store.GetEndpointAsync(Key.Tenant, Key.Endpoint);
            _loaded = true;
        }
        return _record;
    }

    public async Task<WriteResult<WebhookSecretIssued>> CreateAsync(WebhookEndpointSettings settings)
    {
        if (await RecordAsync() is { } existing)
        {
            // A retried create (same Idempotency-Key) whose answer was lost: the same endpoint, and its secret again.
            return existing.Revision == 1 && existing.Settings.SameAs(settings)
                ? WriteResult<WebhookSecretIssued>.Ok(Issued(existing))
                : WriteResult<WebhookSecretIssued>.Conflict("This idempotency key already created a different webhook endpoint.", []);
        }
        if (Refusal(settings) is { } refusal) return WriteResult<WebhookSecretIssued>.BadReference("url", refusal);
        var now = Now();
        var record = new WebhookEndpointRecord
        {
            TenantId = Key.Tenant, Id = Key.Endpoint, Settings = settings, Status = WebhookEndpointStatus.Enabled, Secret = WebhookSecrets.Create(),
            Revision = 1, CreatedAt = now, UpdatedAt = now,
        };
        if (!await SaveAsync(record)) return WriteResult<WebhookSecretIssued>.Conflict("The endpoint changed meanwhile; read it and retry.", []);
        await TenantWebhooks.EndpointsChangedAsync();
        logger.LogInformation("Webhook endpoint {EndpointId} of tenant {TenantId} created for {EventTypes}", Key.Endpoint, Key.Tenant,
            settings.EventTypes.Count == 0 ? "every event" : string.Join(", ", settings.EventTypes));
        return WriteResult<WebhookSecretIssued>.Created(Issued(record));
    }

    public async Task<WebhookEndpointView?> GetAsync() => (await RecordAsync())?.ToView(time.GetUtcNow());

    public async Task<WriteResult<WebhookEndpointView>> UpdateAsync(WebhookEndpointSettings settings, int? expectedRevision)
    {
        if (await RecordAsync() is not { } record) return WriteResult<WebhookEndpointView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, record.Revision)) return WriteResult<WebhookEndpointView>.Stale();
        if (record.Settings.SameAs(settings)) return WriteResult<WebhookEndpointView>.Ok(record.ToView(time.GetUtcNow()));
        if (Refusal(settings) is { } refusal) return WriteResult<WebhookEndpointView>.BadReference("url", refusal);
        return await ChangeAsync(record with { Settings = settings });
    }

    public async Task<WriteResult<WebhookEndpointView>> DeleteAsync(int? expectedRevision)
    {
        if (await RecordAsync() is not { } record) return WriteResult<WebhookEndpointView>.NotFound();
        if (StateWrites.IsStale(expectedRevision, record.Revision)) return WriteResult<WebhookEndpointView>.Stale();
        await store.DeleteEndpointAsync(Key.Tenant, Key.Endpoint);
        _record = null;
        StopRetryTimer();
        await TenantWebhooks.EndpointsChangedAsync();
        logger.LogInformation("Webhook endpoint {EndpointId} of tenant {TenantId} deleted", Key.Endpoint, Key.Tenant);
        return WriteResult<WebhookEndpointView>.Ok(record.ToView(time.GetUtcNow()));
    }

    public async Task<WriteResult<WebhookEndpointView>> SetEnabledAsync(bool enabled)
    {
        if (await RecordAsync() is not { } record) return WriteResult<WebhookEndpointView>.NotFound();
        var status = enabled ? WebhookEndpointStatus.Enabled : WebhookEndpointStatus.Disabled;
        if (record.Status == status) return WriteResult<WebhookEndpointView>.Ok(record.ToView(time.GetUtcNow()));
        var result = await ChangeAsync(record with
        {
            Status = status,
            StatusReason = enabled ? null : "Disabled by the tenant.",
            // A fresh start: the disable clock counts from the next failure.
            FailingSince = enabled ? null : record.FailingSince,
        });
        logger.LogInformation("Webhook endpoint {EndpointId} of tenant {TenantId} {Status} by the tenant", Key.Endpoint, Key.Tenant, status);
        await TenantWebhooks.EndpointsChangedAsync();
        if (enabled) Wake();
        return result;
    }

    public async Task<WriteResult<WebhookSecretIssued>> RotateSecretAsync(TimeSpan overlap)
    {
        if (await RecordAsync() is not { } record) return WriteResult<WebhookSecretIssued>.NotFound();
        var now = Now();
        var next = record with { PreviousSecret = record.Secret, PreviousSecretExpiresAt = now + overlap, Secret = WebhookSecrets.Create() };
        var result = await ChangeAsync(next);
        if (result.Outcome != WriteOutcome.Ok) return WriteResult<WebhookSecretIssued>.Conflict(result.Detail ?? "The endpoint changed meanwhile.", []);
        logger.LogInformation("Webhook endpoint {EndpointId} of tenant {TenantId}: secret rotated, the previous one signs too until {Until}", Key.Endpoint, Key.Tenant, now + overlap);
        return WriteResult<WebhookSecretIssued>.Ok(Issued(_record!));
    }

    public async Task<WriteResult<Page<WebhookDelivery>>> ListDeliveriesAsync(WebhookDeliveryQuery query) =>
        await RecordAsync() is null
            ? WriteResult<Page<WebhookDelivery>>.NotFound()
            : WriteResult<Page<WebhookDelivery>>.Ok(await store.ListDeliveriesAsync(Key.Tenant, Key.Endpoint, query));

    public async Task<WebhookDelivery?> GetDeliveryAsync(string deliveryId) =>
        await RecordAsync() is not null && DeliveryIds.TryParse(deliveryId, out var id) && await store.GetDeliveryAsync(Key.Tenant, Key.Endpoint, id) is { } found
            ? found.Delivery
            : null;

    public async Task<WriteResult<WebhookDelivery>> RedeliverAsync(string deliveryId)
    {
        if (await RecordAsync() is not { } record || !DeliveryIds.TryParse(deliveryId, out var id)
            || await store.GetDeliveryAsync(Key.Tenant, Key.Endpoint, id) is not { } found)
            return WriteResult<WebhookDelivery>.NotFound();
        var now = Now();
        var result = await SendAsync(record, found.Event, now);
        var delivery = found.Delivery;
        // A manual attempt never counts towards the automatic ones' limit: a delivery it does not deliver stays as it was.
        var status = result.Delivered ? WebhookDeliveryStatus.Delivered : delivery.Status;
        await store.RecordAttemptsAsync(Key.Tenant, Key.Endpoint,
            [new AttemptRecord(id, Attempt(delivery.Attempts + 1, now, result, manual: true), status, status == WebhookDeliveryStatus.Pending ? delivery.NextAttemptAt ?? now : null)]);
        await NoteHealthAsync(record, anyDelivered: result.Delivered, failedAt: result.Delivered ? null : now);
        logger.LogInformation("Webhook delivery {DeliveryId} of endpoint {EndpointId} redelivered by hand: {Verdict} {StatusCode}", deliveryId, Key.Endpoint, result.Verdict, result.StatusCode);
        return (await store.GetDeliveryAsync(Key.Tenant, Key.Endpoint, id)) is { } after
            ? WriteResult<WebhookDelivery>.Ok(after.Delivery)
            : WriteResult<WebhookDelivery>.NotFound();
    }

    public Task WakeAsync()
    {
        Wake();
        return Task.CompletedTask;
    }

    private void Wake()
    {
        if (_delivering)
        {
            _again = true;
            return;
        }
        _delivering = true;
        _ = DeliverPassesAsync();
    }

    private async Task DeliverPassesAsync()
    {
        try
        {
            do
            {
                _again = false;
                await DeliverDueAsync();
            } while (_again);
            await ArmRetryTimerAsync();
        }
        catch (Exception e)
        {
            // Nothing is lost: the deliveries stay pending in the store, and the sweep wakes this endpoint again.
            logger.LogWarning(e, "Webhook endpoint {EndpointId} of tenant {TenantId} could not deliver; the sweep retries", Key.Endpoint, Key.Tenant);
        }
        finally
        {
            _delivering = false;
        }
    }

    /// <summary>Sends every due delivery, a batch at a time, until none is due (failed ones are due again only later).</summary>
    private async Task DeliverDueAsync()
    {
        while (await RecordAsync() is { Status: WebhookEndpointStatus.Enabled } record)
        {
            var now = Now();
            var due = await store.DueAsync(Key.Tenant, Key.Endpoint, now, Options.Concurrency * BatchPerSender);
            if (due.Count == 0) return;
            var outcomes = await SendAllAsync(record, due);
            var finished = Now();
            var attempts = outcomes.Select(o => ToAttemptRecord(o.Delivery, o.Result, finished)).ToList();
            await store.RecordAttemptsAsync(Key.Tenant, Key.Endpoint, attempts);
            var anyDelivered = outcomes.Any(o => o.Result.Delivered);
            await NoteHealthAsync(record, anyDelivered, anyDelivered ? null : now);
        }
    }

    /// <summary>Sends a batch with <see cref="WebhookDeliveryOptions.Concurrency"/> requests in flight, as <see cref="WebhookPass"/> says.</summary>
    private Task<List<(DueDelivery Delivery, WebhookSendResult Result)>> SendAllAsync(WebhookEndpointRecord record, IReadOnlyList<DueDelivery> due) =>
        WebhookPass.SendAsync(due, Options.Concurrency, delivery => SendAsync(record, delivery.Event, Now()));

    private AttemptRecord ToAttemptRecord(DueDelivery delivery, WebhookSendResult result, DateTimeOffset now)
    {
        var number = delivery.Attempts + 1;
        var attempt = Attempt(number, now - result.Elapsed, result, manual: false);
        if (result.Delivered) return new AttemptRecord(delivery.DeliveryId, attempt, WebhookDeliveryStatus.Delivered, null);
        if (Schedule.NextAttemptAt(number, now) is { } next) return new AttemptRecord(delivery.DeliveryId, attempt, WebhookDeliveryStatus.Pending, next);
        WebhookMetrics.DeadLettered();
        logger.LogWarning("Webhook delivery {DeliveryId} of event {EventId} to endpoint {EndpointId} of tenant {TenantId} dead-lettered after {Attempts} attempts: {Error}",
            DeliveryIds.Format(delivery.DeliveryId), delivery.Event.Id, Key.Endpoint, Key.Tenant, number, result.Error);
        return new AttemptRecord(delivery.DeliveryId, attempt, WebhookDeliveryStatus.Dead, null);
    }

    private static WebhookAttempt Attempt(int number, DateTimeOffset at, WebhookSendResult result, bool manual) => new()
    {
        Number = number, At = StoredTime.TruncateToMicroseconds(at), StatusCode = result.StatusCode, LatencyMs = (long)result.Elapsed.TotalMilliseconds,
        Error = result.Error, Manual = manual,
    };

    private async Task<WebhookSendResult> SendAsync(WebhookEndpointRecord record, TenantEvent item, DateTimeOffset now)
    {
        var body = WebhookEnvelope.Body(item);
        var timestamp = now.ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>
        {
            [WebhookSigner.IdHeader] = item.Id,
            [WebhookSigner.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookSigner.SignatureHeader] = WebhookSigner.Signature(record.SigningSecrets(now), item.Id, timestamp, body),
        };
        // The network rules are checked again here, as written (a changed operator allowlist applies at once), and by
        // the sender's connection, as resolved.
        var result = Policy.WhyNot(record.Settings.Url) is { } refusal
            ? new WebhookSendResult(null, TimeSpan.Zero, refusal, WebhookSendVerdict.Blocked)
            : await sender.SendAsync(new Uri(record.Settings.Url), headers, body, CancellationToken.None);
        WebhookMetrics.Attempted(result);
        return result;
    }

    /// <summary>
    /// Keeps the endpoint's failing clock: cleared by any delivery, started by the first failure after one. An endpoint
    /// failing for <see cref="WebhookDeliveryOptions.DisableAfter"/> is disabled and its tenant's other endpoints told.
    /// </summary>
    private async Task NoteHealthAsync(WebhookEndpointRecord record, bool anyDelivered, DateTimeOffset? failedAt)
    {
        if (anyDelivered)
        {
            if (record.FailingSince is not null) await ChangeAsync(record with { FailingSince = null });
            return;
        }
        if (failedAt is not { } failed) return;
        if (record.FailingSince is null)
        {
            await ChangeAsync(record with { FailingSince = failed });
            return;
        }
        if (failed - record.FailingSince.Value < Options.DisableAfter || record.Status != WebhookEndpointStatus.Enabled) return;
        var reason = $"Every delivery failed from {record.FailingSince.Value:u} to {failed:u}; disabled after {Options.DisableAfter}. Fix the receiver and enable it: its waiting deliveries then go out.";
        if ((await ChangeAsync(record with { Status = WebhookEndpointStatus.Disabled, StatusReason = reason })).Outcome != WriteOutcome.Ok) return;
        WebhookMetrics.EndpointDisabled();
        await TenantWebhooks.EndpointsChangedAsync();
        logger.LogWarning("Webhook endpoint {EndpointId} of tenant {TenantId} disabled: {Reason}", Key.Endpoint, Key.Tenant, reason);
        var disabled = _record!;
        var notice = new TenantEvent
        {
            Id = TenantEvent.IdFor(Key.Tenant, Key.Endpoint.Value, disabled.Revision, WebhookEventTypes.WebhookDisabled),
            Type = WebhookEventTypes.WebhookDisabled, TenantId = Key.Tenant, SourceId = Key.Endpoint.Value, Sequence = disabled.Revision, At = Now(),
            PayloadJson = WebhookPayloads.Disabled(disabled),
        };
        if (await store.AppendAsync([notice]) is var created and > 0)
        {
                await TenantWebhooks.WakeAsync();
        }
    }

    /// <summary>Arms a one-shot timer for the next retry when it is due soon; later ones are the sweep's (no activation kept for hours).</summary>
    private async Task ArmRetryTimerAsync()
    {
        if (_record is not { Status: WebhookEndpointStatus.Enabled } || await store.NextDueAtAsync(Key.Tenant, Key.Endpoint) is not { } next)
        {
            StopRetryTimer();
            return;
        }
        var delay = next - time.GetUtcNow();
        if (delay > Options.TimerHorizon) return;
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        if (_retryDueAt is { } armed && armed <= next) return;
        StopRetryTimer();
        _retryDueAt = next;
        _retryTimer = this.RegisterGrainTimer(() =>
        {
            _retryDueAt = null;
            Wake();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = true, KeepAlive = true });
    }

    private void StopRetryTimer()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        _retryDueAt = null;
    }

    private async Task<WriteResult<WebhookEndpointView>> ChangeAsync(WebhookEndpointRecord next)
    {
        next = next with { Revision = next.Revision + 1, UpdatedAt = Now() };
        if (!await SaveAsync(next)) return WriteResult<WebhookEndpointView>.Conflict("The endpoint changed meanwhile; read it and retry.", []);
        return WriteResult<WebhookEndpointView>.Ok(next.ToView(time.GetUtcNow()));
    }

    private async Task<bool> SaveAsync(WebhookEndpointRecord next)
    {
        if (!await store.SaveEndpointAsync(next))
        {
            // Another activation wrote meanwhile (a duplicate after a silo failure): take what the store holds.
            _loaded = false;
            await RecordAsync();
            return false;
        }
        _record = next;
        _loaded = true;
        return true;
    }

    private string? Refusal(WebhookEndpointSettings settings) => Policy.WhyNot(settings.Url);

    private WebhookSecretIssued Issued(WebhookEndpointRecord record) => new() { Endpoint = record.ToView(time.GetUtcNow()), Secret = record.Secret };
}
