namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>What the scripted conversation achieved (the platform knows more dispositions). JSON: kebab-case.</summary>
public enum CallDisposition
{
    Qualified,
    NotInterested,
    CallbackRequested,
}
