namespace VoicePlatform.Agents;

/// <summary>What placing a call reads from its agent, in one grain call: the agent and this call's compiled instructions.</summary>
[GenerateSerializer, Immutable, Alias("vp.AgentForCall")]
public sealed record AgentForCall
{
    [Id(0)] public required AgentView Agent { get; init; }
    [Id(1)] public required CompiledInstructions Instructions { get; init; }
}
