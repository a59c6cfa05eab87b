using VoicePlatform.Calls;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>What one attempt came to, for the retry policy.</summary>
public enum AttemptOutcome
{
    NoAnswer,
    Busy,
    Voicemail,
    Failed,
    /// <summary>A conversation that needs nothing more.</summary>
    Conversation,
    CallbackRequested,
    DoNotCall,
}

/// <summary>A call's end and the agent's disposition, as an attempt outcome.</summary>
public static class AttemptOutcomes
{
    public static AttemptOutcome Of(CallEndReason endReason, CallDisposition? disposition) => disposition switch
    {
        CallDisposition.DoNotCall => AttemptOutcome.DoNotCall,
        CallDisposition.CallbackRequested => AttemptOutcome.CallbackRequested,
        // The agent spoke with someone and said how it went: that outweighs how the line ended.
        { } => AttemptOutcome.Conversation,
        null => endReason switch
        {
            CallEndReason.NoAnswer => AttemptOutcome.NoAnswer,
            CallEndReason.Busy => AttemptOutcome.Busy,
            CallEndReason.Voicemail => AttemptOutcome.Voicemail,
            CallEndReason.Completed or CallEndReason.MaxDurationReached => AttemptOutcome.Conversation,
            // Rejected, failed, cancelled, out of money: the number may work another time.
            _ => AttemptOutcome.Failed,
        },
    };
}
