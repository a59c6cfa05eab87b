using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Live;

/// <summary>
/// An ApiHost whose emulator runs in real time, so an answered call's scripted conversation lasts long enough (tens of
/// seconds) for a supervisor to whisper, barge in and take over while the agent is still talking; each test hangs its
/// calls up when done.
/// </summary>
public sealed class SupervisionFixture : ApiHostFixture
{
    public const string Answers = "+15125550177";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:TimeAcceleration", "1",
        // The scripted agent worker talks, takes coaching and notes it in the transcript, as a real one would.
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        // One-second metering blocks: a live call's cost ticks (each debited block is published) within a test's patience.
        "--Calls:Metering:BlockDuration", "00:00:01",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", Answers,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=0.2",
    ];

    /// <summary>The embedded emulator's rooms: where a test plays a supervisor's browser joining, and sees who is there.</summary>
    public RoomStore Rooms => App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Services.GetRequiredService<RoomStore>();
}

[CollectionDefinition(Name)]
public sealed class SupervisionCollection : ICollectionFixture<SupervisionFixture>
{
    public const string Name = "supervision host";
}
