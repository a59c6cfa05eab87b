namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Who picked up. JSON: human, machine.</summary>
public enum AnsweredBy
{
    Human,
    Machine,
}
