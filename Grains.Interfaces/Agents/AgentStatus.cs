namespace VoicePlatform.Agents;

[GenerateSerializer, Alias("vp.AgentStatus")]
public enum AgentStatus
{
    Draft = 0,
    Active = 1,
    Disabled = 2,
}
