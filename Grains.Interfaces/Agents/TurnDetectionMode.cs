namespace VoicePlatform.Agents;

/// <summary>How the agent decides the caller has finished speaking.</summary>
[GenerateSerializer, Alias("vp.TurnDetectionMode")]
public enum TurnDetectionMode
{
    /// <summary>A trained end-of-turn model on top of voice activity (fewest interruptions).</summary>
    SemanticModel = 0,
    /// <summary>Voice activity detection with a silence threshold.</summary>
    Vad = 1,
    /// <summary>The speech-to-text provider's own endpointing.</summary>
    Stt = 2,
}
