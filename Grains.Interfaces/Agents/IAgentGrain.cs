using Orleans.Concurrency;
using VoicePlatform.Common;
using VoicePlatform.Personas;

namespace VoicePlatform.Agents;

/// <summary>One AI agent of a tenant, deployed from a persona whose brand it inherits. Keyed by tenant/agent.</summary>
[Alias("vp.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates the agent from <paramref name="persona"/>; the brand comes from the persona, never from the caller.</summary>
    Task<WriteResult<AgentView>> CreateAsync(PersonaId persona, AgentSettings settings);

    [ReadOnly]
    Task<AgentView?> GetAsync();

    Task<WriteResult<AgentView>> UpdateAsync(AgentSettings settings, int? expectedRevision);

    Task<WriteResult<AgentView>> DeleteAsync(int? expectedRevision);

    /// <summary>True when the agent exists in this tenant.</summary>
    [ReadOnly]
    Task<bool> ExistsAsync();

    /// <summary>
    /// Opens a browser test call: a room, the agent dispatched into it with its compiled instructions, and a
    /// participant token. NotFound when the agent does not exist; Conflict when telephony is not configured.
    /// </summary>
    Task<WriteResult<TestCallSession>> StartTestCallAsync();

    /// <summary>Builds the layered prompt with <paramref name="variables"/> (lead data); null when the agent does not exist.</summary>
    [ReadOnly]
    Task<CompiledInstructions?> CompileInstructionsAsync(IReadOnlyDictionary<string, string> variables);

    /// <summary>The agent and its instructions compiled with <paramref name="variables"/>, for placing one call; null when the agent does not exist.</summary>
    [ReadOnly]
    Task<AgentForCall?> GetForCallAsync(IReadOnlyDictionary<string, string> variables);
}
