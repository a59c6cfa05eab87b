using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// Metered calls against an emulator running 20× faster than real time: LiveKit's max_call_duration, which the
/// platform sets from the wallet, passes in a twentieth of the time, so LiveKit itself cuts the call off.
/// </summary>
public sealed class AcceleratedMeteringFixture : ApiHostFixture
{
    public const string EndlessCall = "+15125550233";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:TimeAcceleration", "20",
        "--Calls:Metering:SettlementGrace", "00:00:00.200",
        // Five-second blocks: the first is affordable, and LiveKit's limit (about 20 emulated seconds) passes before the next.
        "--Calls:Metering:BlockDuration", "00:00:05",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", EndlessCall,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=0",
    ];
}

[CollectionDefinition(Name)]
public sealed class AcceleratedMeteringCollection : ICollectionFixture<AcceleratedMeteringFixture>
{
    public const string Name = "accelerated metering host";
}
