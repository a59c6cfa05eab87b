namespace VoicePlatform.Agents;

[GenerateSerializer, Alias("vp.AgentDirection")]
public enum AgentDirection
{
    Outbound = 0,
    Inbound = 1,
    Both = 2,
}
