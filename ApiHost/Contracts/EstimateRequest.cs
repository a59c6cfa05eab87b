using VoicePlatform.Agents;
using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>What a client asks to have estimated: a call of one of its agents lasting so many connected seconds.</summary>
public sealed record EstimateRequest(string? AgentId, long? DurationSeconds)
{
    public Dictionary<string, string[]> Validate(out AgentId agent, out long durationSeconds)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PrefixedId.TryParse(AgentId, out agent)) errors["agentId"] = ["The id of one of your agents (agt_…) is required."];
        durationSeconds = DurationSeconds ?? 0;
        if (DurationSeconds is null or < 1 or > AgentSettings.MaxCallSeconds)
            errors["durationSeconds"] = [$"Connected seconds, from 1 to {AgentSettings.MaxCallSeconds}."];
        return errors;
    }
}
