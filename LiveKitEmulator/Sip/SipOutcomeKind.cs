namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>What the simulated callee does.</summary>
public enum SipOutcomeKind
{
    /// <summary>Answers after ringing.</summary>
    Answer,

    /// <summary>Busy (486 by default).</summary>
    Busy,

    /// <summary>The carrier gives up ringing with 480 (or 408) before the ringing timeout.</summary>
    NoAnswer,

    /// <summary>Declines (603 by default).</summary>
    Rejected,

    /// <summary>A machine answers: the call becomes active and carries the machine marker attribute.</summary>
    Voicemail,

    /// <summary>Carrier failure (503 by default, any 5xx).</summary>
    Failure,

    /// <summary>Rings forever, so the emulated bridge's ringing timeout ends the call.</summary>
    Timeout,
}
