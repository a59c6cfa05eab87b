using VoicePlatform.Calls;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// A call's webhook events follow from its state alone — <c>call.started</c> (number 1) once it exists,
/// <c>call.answered</c> (2) once answered, <c>call.ended</c> (3) once ended and priced — so they need no bookkeeping
/// of their own: each save of the call record carries the ones this activation has not recorded yet, in the record's
/// transaction, and a new activation's first save carries them all again, which the outbox ignores by id. An
/// unanswered call has no number 2.
/// </summary>
public static class CallWebhookEvents
{
    public const long StartedSequence = 1;
    public const long AnsweredSequence = 2;
    public const long EndedSequence = 3;

    /// <summary>The events <paramref name="call"/> implies, leaving out the types in <paramref name="recorded"/>.</summary>
    public static IReadOnlyList<TenantEvent> Implied(CallState call, TenantId tenant, CallView view, IReadOnlySet<string> recorded)
    {
        if (call.Request is null) return [];
        var events = new List<TenantEvent>(1);
        var progress = call.Progress;
        if (!recorded.Contains(WebhookEventTypes.CallStarted))
            events.Add(Event(tenant, view, WebhookEventTypes.CallStarted, StartedSequence, progress.QueuedAt, WebhookPayloads.Call(view)));
        if (progress.AnsweredAt is { } answeredAt && !recorded.Contains(WebhookEventTypes.CallAnswered))
            events.Add(Event(tenant, view, WebhookEventTypes.CallAnswered, AnsweredSequence, answeredAt, WebhookPayloads.Call(view)));
        if (progress.EndedAt is { } endedAt && call.Billing.Settled && !recorded.Contains(WebhookEventTypes.CallEnded))
            events.Add(Event(tenant, view, WebhookEventTypes.CallEnded, EndedSequence, endedAt, WebhookPayloads.CallEnded(view, Cost(call.Billing))));
        return events;
    }

    private static CallCostView Cost(CallBilling billing) => new()
    {
        Settled = true, Cost = billing.Cost, BilledSeconds = billing.BilledSeconds, Debited = billing.Debited,
        Refunded = billing.Refunded, Shortfall = billing.Shortfall, SettledAt = billing.SettledAt,
    };

    private static TenantEvent Event(TenantId tenant, CallView view, string type, long sequence, DateTimeOffset at, string payload) => new()
    {
        Id = TenantEvent.IdFor(tenant, view.Id.Value, sequence, type),
        Type = type,
        TenantId = tenant,
        SourceId = view.Id.Value,
        Sequence = sequence,
        At = at,
        PayloadJson = payload,
    };
}
