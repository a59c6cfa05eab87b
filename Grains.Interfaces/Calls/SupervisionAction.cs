namespace VoicePlatform.Calls;

/// <summary>What a supervisor did to a live call. JSON names are kebab-case.</summary>
public enum SupervisionAction
{
    Listen,
    StopListening,
    /// <summary>A coaching text to the AI agent alone; the entry's detail says whether the agent acknowledged it.</summary>
    Whisper,
    /// <summary>The supervisor joined the conversation: a visible seat that may speak.</summary>
    Barge,
    /// <summary>The AI agent was removed and the supervisor stays with the callee.</summary>
    Takeover,
    HangUp,
}
