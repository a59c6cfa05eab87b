namespace VoicePlatform.Webhooks;

/// <summary>An event type an endpoint can subscribe to, and what it means.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookEventType")]
public sealed record WebhookEventType([property: Id(0)] string Type, [property: Id(1)] string Description);
