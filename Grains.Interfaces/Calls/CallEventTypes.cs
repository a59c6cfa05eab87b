namespace VoicePlatform.Calls;

/// <summary>The values of <see cref="CallEvent.Type"/>.</summary>
public static class CallEventTypes
{
    public const string StatusChanged = "status-changed";
    public const string LiveKitWebhook = "livekit-webhook";
    public const string AnsweredBy = "answered-by";
    public const string Outcome = "outcome";
    public const string Usage = "usage";
    public const string Transfer = "transfer";
    public const string EndRequested = "end-requested";
    public const string HangUp = "hangup";
    public const string Billing = "billing";
}
