namespace VoicePlatform.Webhooks;

/// <summary>A page of an endpoint's deliveries, newest first.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookDeliveryQuery")]
public sealed record WebhookDeliveryQuery
{
    [Id(0)] public WebhookDeliveryStatus? Status { get; init; }
    [Id(1)] public string? EventType { get; init; }
    /// <summary>The cursor: the last delivery id of the previous page.</summary>
    [Id(2)] public string? After { get; init; }
    [Id(3)] public int Limit { get; init; } = 50;
}
