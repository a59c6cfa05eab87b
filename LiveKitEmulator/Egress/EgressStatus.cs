namespace VoicePlatform.LiveKitEmulator.Egress;

/// <summary><c>EgressStatus</c> (written with the <c>EGRESS_</c> prefix), in proto order.</summary>
public enum EgressStatus
{
    Starting = 0,
    Active = 1,
    Ending = 2,
    Complete = 3,
    Failed = 4,
    Aborted = 5,
    LimitReached = 6,
}
