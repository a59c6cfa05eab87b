namespace VoicePlatform.Calls;

/// <summary>Who said a transcript segment. JSON: agent, callee.</summary>
[GenerateSerializer, Alias("vp.Speaker")]
public enum Speaker
{
    Agent = 0,
    Callee = 1,
}
