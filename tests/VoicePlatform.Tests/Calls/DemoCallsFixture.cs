using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// An ApiHost as <c>dotnet run</c> starts it — the embedded emulator's scripted agent worker on — at 30× speed, so a
/// whole demo conversation takes about a second: a number that answers, and one that reaches a voicemail box.
/// </summary>
public sealed class DemoCallsFixture : ApiHostFixture
{
    public const string Answers = "+15125550111";
    public const string Voicemail = "+15125550177";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        "--LiveKitEmulator:TimeAcceleration", "30",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", Answers,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=1",
        "--LiveKitEmulator:Sip:Rules:1:Pattern", Voicemail,
        "--LiveKitEmulator:Sip:Rules:1:Outcome", "voicemail;ring=1",
    ];
}

[CollectionDefinition(Name)]
public sealed class DemoCallsCollection : ICollectionFixture<DemoCallsFixture>
{
    public const string Name = "demo calls host";
}
