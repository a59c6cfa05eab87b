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
    /// <summary>LiveKit's answer to the dial arrived after the call had already ended (a hang-up while it rang).</summary>
    public const string LateDialOutcome = "late-dial-outcome";
    /// <summary>The AI agent's participant joined the call's room (recorded with the answer, or when it joins after it).</summary>
    public const string AgentJoined = "agent-joined";
}
