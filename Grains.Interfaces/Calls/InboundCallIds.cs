using VoicePlatform.Common;

namespace VoicePlatform.Calls;

/// <summary>
/// An inbound call's id, derived from LiveKit's SIP call id: every report of the call — the caller's webhooks, however
/// repeated or re-ordered, and the agent worker's claim — reaches the same call grain, so the call is created once.
/// </summary>
public static class InboundCallIds
{
    public static CallId For(string sipCallId) => PrefixedId.Derive<CallId>("inbound-sip-call:" + sipCallId);

    /// <summary>LiveKit's SIP call ids: <c>SCL_</c> and letters or digits.</summary>
    public static bool IsSipCallId(string? value) =>
        value is { Length: > 4 and <= 64 } && value.StartsWith("SCL_", StringComparison.Ordinal) && value.AsSpan(4).IndexOfAnyExcept("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") < 0;
}
