using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>An ApiHost whose embedded LiveKit emulator loses every webhook: only the calls' watchdog can end them.</summary>
public sealed class LostWebhooksFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:TimeAcceleration", "10",
        // An empty room would close on its own after LiveKit's departure timeout; make that far longer than any wait
        // here, so a test sees the platform closing a call's room and not LiveKit.
        "--LiveKitEmulator:DepartureTimeout", "00:10:00",
        "--LiveKitEmulator:Webhook:Faults:LossProbability", "1",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", CallsApiFixture.AnswersThenHangsUp,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=1;hangup=1",
    ];
}

[CollectionDefinition(Name)]
public sealed class LostWebhooksCollection : ICollectionFixture<LostWebhooksFixture>
{
    public const string Name = "calls with lost webhooks";
}
