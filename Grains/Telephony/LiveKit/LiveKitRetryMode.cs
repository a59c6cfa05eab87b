namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>How far a LiveKit call may be repeated after a failure.</summary>
public enum LiveKitRetryMode
{
    /// <summary>Reads and idempotent writes: retried on transient failures (unavailable, 5xx, timeouts).</summary>
    Safe,

    /// <summary>Writes with side effects (dispatch, data, egress, trunk creation): retried only when the request provably never left.</summary>
    OnlyIfNotSent,

    /// <summary>Dialling and transfers: never repeated automatically.</summary>
    Never,
}
