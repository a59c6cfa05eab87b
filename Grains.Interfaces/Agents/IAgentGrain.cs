using Orleans.Concurrency;

namespace VoicePlatform.Agents;

/// <summary>One AI agent of a tenant, deployed from a persona. Keyed by tenant/agent.</summary>
[Alias("vp.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>True when the agent exists in this tenant.</summary>
    [ReadOnly]
    Task<bool> ExistsAsync();
}
