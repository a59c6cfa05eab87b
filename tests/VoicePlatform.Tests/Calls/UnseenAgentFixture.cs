using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// An ApiHost whose embedded LiveKit emulator loses every webhook and whose calls look at LiveKit only every five
/// minutes: an agent (the emulator's silent worker) joins every room, but nothing tells the call so within a test, as
/// when a call is answered and its silo stops before the agent's webhook or the watchdog's next look.
/// </summary>
public sealed class UnseenAgentFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:DepartureTimeout", "00:10:00",
        "--LiveKitEmulator:Webhook:Faults:LossProbability", "1",
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        "--LiveKitEmulator:AgentWorker:Converse", "false",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", "*",
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=0;hangup=600",
        "--Calls:Watchdog:DialingPollPeriod", "00:05:00",
        "--Calls:Watchdog:AnsweredPollPeriod", "00:05:00",
    ];
}

[CollectionDefinition(Name)]
public sealed class UnseenAgentCollection : ICollectionFixture<UnseenAgentFixture>
{
    public const string Name = "calls whose agent is unseen";
}
