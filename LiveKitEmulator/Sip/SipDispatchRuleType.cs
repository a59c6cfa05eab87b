namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>The member of a dispatch rule's <c>rule</c> oneof; the values are LiveKit's priority offsets.</summary>
public enum SipDispatchRuleType
{
    Direct = 0,
    Individual = 1,
    Callee = 2,
}
