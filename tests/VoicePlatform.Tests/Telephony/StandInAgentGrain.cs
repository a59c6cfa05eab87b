namespace VoicePlatform.Tests.Telephony;

/// <summary>An in-memory agent for the telephony tests until the real agent grain lands; delete it then.</summary>
[GrainType("test-stand-in-agent")]
public sealed class StandInAgentGrain : Grain, IStandInAgentGrain
{
    private bool exists;

    public Task CreateAsync()
    {
        exists = true;
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync() => Task.FromResult(exists);
}
