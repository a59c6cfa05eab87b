namespace VoicePlatform.Webhooks;

/// <summary>One event on its way to one endpoint, with its attempts.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookDelivery")]
public sealed record WebhookDelivery
{
    /// <summary><c>dlv_</c> and a number, unique in the platform.</summary>
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required WebhookEndpointId EndpointId { get; init; }
    [Id(2)] public required string EventId { get; init; }
    [Id(3)] public required string EventType { get; init; }
    [Id(4)] public required WebhookDeliveryStatus Status { get; init; }
    [Id(5)] public required int Attempts { get; init; }
    [Id(6)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(7)] public int? LastStatusCode { get; init; }
    [Id(8)] public string? LastError { get; init; }
    [Id(9)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public DateTimeOffset? DeliveredAt { get; init; }
    /// <summary>Every attempt, oldest first; only when one delivery is read.</summary>
    [Id(11)] public IReadOnlyList<WebhookAttempt>? AttemptLog { get; init; }
    /// <summary>The exact body POSTed (the event's envelope); only when one delivery is read.</summary>
    [Id(12)] public string? Body { get; init; }
}
