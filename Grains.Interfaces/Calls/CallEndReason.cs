namespace VoicePlatform.Calls;

/// <summary>Why a call ended.</summary>
[GenerateSerializer, Alias("vp.CallEndReason")]
public enum CallEndReason
{
    /// <summary>Answered, then hung up normally by either side.</summary>
    Completed = 0,
    /// <summary>Nobody answered in time (SIP 480, 408, 487; LiveKit USER_UNAVAILABLE).</summary>
    NoAnswer = 1,
    /// <summary>SIP 486 Busy Here.</summary>
    Busy = 2,
    /// <summary>The callee declined (SIP 603, other 4xx/6xx; LiveKit USER_REJECTED).</summary>
    Rejected = 3,
    /// <summary>The carrier or the platform failed (SIP 5xx, no caller id, telephony not configured).</summary>
    Failed = 4,
    Voicemail = 5,
    /// <summary>Hung up by the platform before it was answered.</summary>
    Cancelled = 6,
    InsufficientFunds = 7,
    MaxDurationReached = 8,
}
