namespace VoicePlatform.Calls;

public enum LiveKitWebhookOutcome
{
    /// <summary>Verified and delivered to its call.</summary>
    Delivered,
    /// <summary>Verified, and not about a call: another room, a hidden participant, an event calls do not use.</summary>
    Ignored,
    /// <summary>This host has no LiveKit key and secret, so nothing can be verified.</summary>
    NotConfigured,
    /// <summary>The signature, the body hash or the token did not verify.</summary>
    NotVerified,
    /// <summary>Verified, about a call, but without the event id that makes a repeat harmless.</summary>
    MissingEventId,
}
