namespace VoicePlatform.Calls;

[GenerateSerializer, Alias("vp.InboundClaimOutcome")]
public enum InboundClaimOutcome
{
    Claimed = 0,
    /// <summary>The bearer is not a LiveKit job token for this room (bad signature, expired, another room).</summary>
    NotVerified = 1,
    /// <summary>The room or SIP call id is missing or malformed; <see cref="InboundClaimReceipt.Field"/> names it.</summary>
    Invalid = 2,
    /// <summary>The room is no number's inbound room, or the number takes no inbound calls.</summary>
    NotFound = 3,
    /// <summary>Without LiveKit settings no token can be verified.</summary>
    NotConfigured = 4,
}
