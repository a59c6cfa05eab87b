namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="WebhookDeliveryOptions.InitialBackoff"/>,
/// doubling per attempt up to <see cref="WebhookDeliveryOptions.MaxBackoff"/>, with "equal jitter" (the delay is
/// between half and all of that), so the deliveries that failed together while a receiver was down do not all come
/// back at once. After <see cref="WebhookDeliveryOptions.MaxAttempts"/> attempts the delivery is dead-lettered.
/// </summary>
public sealed class RetrySchedule(WebhookDeliveryOptions options, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>The next attempt after attempt number <paramref name="attemptsMade"/> failed at <paramref name="failedAt"/>; null to dead-letter.</summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade, DateTimeOffset failedAt)
    {
        if (attemptsMade >= options.MaxAttempts) return null;
        return failedAt + Delay(attemptsMade);
    }

    public TimeSpan Delay(int attemptsMade)
    {
        var exponent = Math.Min(Math.Max(attemptsMade - 1, 0), 40);
        var full = Math.Min(options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent), options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + _random() * full / 2);
    }
}
