namespace VoicePlatform.Calls;

/// <summary>What a supervisor did to a live call. JSON names are kebab-case.</summary>
public enum SupervisionAction
{
    Listen,
    StopListening,
}
