namespace VoicePlatform.Calls;

/// <summary>Who said a transcript segment. JSON: agent, callee, coach (a supervisor's whisper as the agent noted it; the callee never hears it).</summary>
[GenerateSerializer, Alias("vp.Speaker")]
public enum Speaker
{
    Agent = 0,
    Callee = 1,
    Coach = 2,
}
