namespace VoicePlatform.Webhooks;

[GenerateSerializer, Alias("vp.WebhookDeliveryStatus")]
public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet: its next attempt is due at <c>nextAttemptAt</c>.</summary>
    Pending = 0,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,
    /// <summary>Every attempt failed: dead-lettered, kept for inspection and manual redelivery.</summary>
    Dead = 2,
}
