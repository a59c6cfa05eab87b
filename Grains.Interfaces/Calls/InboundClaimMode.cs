namespace VoicePlatform.Calls;

/// <summary>What the agent worker of an inbound job does. JSON: converse, message, refuse.</summary>
[GenerateSerializer, Alias("vp.InboundClaimMode")]
public enum InboundClaimMode
{
    /// <summary>Answer (publish audio) and talk with this call's instructions.</summary>
    Converse = 0,
    /// <summary>Answer, say the message, then ask for the end: closed, or no funds.</summary>
    Message = 1,
    /// <summary>Leave without answering: the platform turns the caller away (blocked, anonymous, over capacity).</summary>
    Refuse = 2,
}
