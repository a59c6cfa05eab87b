using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// An ApiHost whose calls are metered in one-second blocks and settle a fifth of a second after they end, with the
/// emulator in real time (so LiveKit's max_call_duration — set from the wallet — cuts a call when the money would).
/// </summary>
public sealed class MeteredCallsFixture : ApiHostFixture
{
    /// <summary>Answers at once and talks for three seconds.</summary>
    public const string ShortCall = "+15125550211";
    /// <summary>Answers at once and never hangs up.</summary>
    public const string EndlessCall = "+15125550222";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Calls:Metering:BlockDuration", "00:00:01",
        "--Calls:Metering:SettlementGrace", "00:00:00.200",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", ShortCall,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=0;hangup=3",
        "--LiveKitEmulator:Sip:Rules:1:Pattern", EndlessCall,
        "--LiveKitEmulator:Sip:Rules:1:Outcome", "answer;ring=0",
    ];
}

[CollectionDefinition(Name)]
public sealed class MeteredCallsCollection : ICollectionFixture<MeteredCallsFixture>
{
    public const string Name = "metered calls host";
}
