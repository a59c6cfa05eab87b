namespace VoicePlatform.Calls;

/// <summary>Where a call is; it only ever moves forward, and <see cref="Ended"/> is final.</summary>
[GenerateSerializer, Alias("vp.CallStatus")]
public enum CallStatus
{
    Queued = 0,
    Dialing = 1,
    Ringing = 2,
    Answered = 3,
    Ended = 4,
}
