using VoicePlatform.Agents;

namespace VoicePlatform.Tests.Telephony;

/// <summary>Lets a test make an agent exist; see <see cref="StandInAgentGrain"/>.</summary>
public interface IStandInAgentGrain : IAgentGrain
{
    Task CreateAsync();
}
