using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>An attempt to store, and where it leaves its delivery: delivered, due again at <see cref="NextAttemptAt"/>, or dead.</summary>
public sealed record AttemptRecord(long DeliveryId, WebhookAttempt Attempt, WebhookDeliveryStatus Status, DateTimeOffset? NextAttemptAt);
