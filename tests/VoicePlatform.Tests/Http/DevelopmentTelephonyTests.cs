using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Agents;

namespace VoicePlatform.Tests.Http;

/// <summary>All-in-one development mode without a LiveKit URL runs the LiveKit emulator and points the platform at it.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class DevelopmentTelephonyTests(ApiHostFixture host)
{
    [Fact]
    public async Task ThePlatformsLiveKitClientTalksToTheEmbeddedEmulator()
    {
        var emulator = host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>();
        var client = host.App.Services.GetRequiredService<LiveKitClient>();
        var room = await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "dev-" + Guid.NewGuid().ToString("N") });
        Assert.StartsWith("RM_", room.Sid);
        Assert.Contains(await client.ListRoomsAsync(), r => r.Name == room.Name);
        Assert.StartsWith("http://127.0.0.1:", emulator.Url);
    }

    [Fact]
    public void TestHostsRunTheEmulatorWithoutTheScriptedAgentWorker()
    {
        var emulator = host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>();
        Assert.Null(emulator.Services.GetService<ScriptedAgentWorker>());
    }
}
