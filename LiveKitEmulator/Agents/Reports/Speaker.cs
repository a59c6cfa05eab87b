namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Who said a transcript segment. JSON: agent, callee, coach (a supervisor's whisper, heard by the agent alone).</summary>
public enum Speaker
{
    Agent,
    Callee,
    Coach,
}
