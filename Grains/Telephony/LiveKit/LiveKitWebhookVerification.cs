namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>The outcome of checking one webhook delivery: the event, or why it was rejected.</summary>
public sealed record LiveKitWebhookVerification
{
    public bool IsValid => Event is not null;

    public LiveKitWebhookEvent? Event { get; private init; }

    /// <summary>Why the delivery was rejected; safe to log (it never contains the token or secret).</summary>
    public string? FailureReason { get; private init; }

    public static LiveKitWebhookVerification Accepted(LiveKitWebhookEvent webhookEvent) => new() { Event = webhookEvent };

    public static LiveKitWebhookVerification Rejected(string reason) => new() { FailureReason = reason };
}
