using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Inbound;

/// <summary>
/// An ApiHost as <c>dotnet run</c> starts it — the embedded emulator with its scripted agent worker — at 30× speed, with
/// calls that settle a fifth of a second after they end, so an inbound conversation and its bill take about a second.
/// </summary>
public sealed class InboundCallsFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        "--LiveKitEmulator:TimeAcceleration", "30",
        "--Calls:Metering:SettlementGrace", "00:00:00.200",
        "--Calls:Metering:LateAnswerGrace", "00:00:00.200",
    ];
}

[CollectionDefinition(Name)]
public sealed class InboundCallsCollection : ICollectionFixture<InboundCallsFixture>
{
    public const string Name = "inbound calls host";
}
