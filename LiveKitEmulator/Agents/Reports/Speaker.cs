namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Who said a transcript segment. JSON: agent, callee.</summary>
public enum Speaker
{
    Agent,
    Callee,
}
