using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.Tests.LiveKitEmulator;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>
/// What supervisors need from LiveKit's RoomService, through the platform's client against the emulator over real
/// HTTP: an RPC performed on one participant (answered, refused, timed out, failed) and a permission update that
/// replaces every flag.
/// </summary>
public sealed class RoomControlAgainstEmulatorTests
{
    private static LiveKitClient Connect(EmulatorUnderTest emulator) =>
        new(new HttpClient(), Options.Create(new LiveKitOptions { Url = emulator.BaseUrl, ApiKey = TestTokens.ApiKey, ApiSecret = TestTokens.ApiSecret }),
            TimeProvider.System, NullLogger<LiveKitClient>.Instance);

    [Fact]
    public async Task PerformRpcReachesTheRegisteredMethodAndMapsEveryFailureAsLiveKitDoes()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync();
        var client = Connect(emulator);
        await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "coached" });
        var rooms = emulator.Services.GetRequiredService<RoomStore>();
        var agent = rooms.Join("coached", "agent-1", "agent", "", ParticipantKind.Agent, new Dictionary<string, string>());
        var hanging = new TaskCompletionSource<string>();
        agent.RegisterRpcMethod("echo", (invocation, _) => Task.FromResult($"heard {invocation.Payload}"));
        agent.RegisterRpcMethod("hang", (_, _) => hanging.Task);
        agent.RegisterRpcMethod("fail", (_, _) => throw new RpcHandlerException("no"));

        Assert.Equal("heard hi", await client.PerformRpcAsync("coached", "agent-1", "echo", "hi", TimeSpan.FromSeconds(5)));
        Assert.Equal("invalid_argument", (await Refused(() => client.PerformRpcAsync("coached", "agent-1", "unknown", "hi", TimeSpan.FromSeconds(5)))).Code);
        Assert.Equal("invalid_argument", (await Refused(() => client.PerformRpcAsync("coached", "agent-1", "echo", new string('x', 15 * 1024 + 1), TimeSpan.FromSeconds(5)))).Code);
        Assert.Equal("not_found", (await Refused(() => client.PerformRpcAsync("coached", "agent-2", "echo", "hi", TimeSpan.FromSeconds(5)))).Code);
        Assert.Equal("not_found", (await Refused(() => client.PerformRpcAsync("elsewhere", "agent-1", "echo", "hi", TimeSpan.FromSeconds(5)))).Code);
        Assert.Equal("internal", (await Refused(() => client.PerformRpcAsync("coached", "agent-1", "fail", "hi", TimeSpan.FromSeconds(5)))).Code);
        Assert.Equal("canceled", (await Refused(() => client.PerformRpcAsync("coached", "agent-1", "hang", "hi", TimeSpan.FromMilliseconds(200)))).Code);
    }

    [Fact]
    public async Task APermissionUpdateReplacesEveryFlag()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync();
        var client = Connect(emulator);
        await client.CreateRoomAsync(new LiveKitCreateRoomRequest { Name = "floor" });
        var rooms = emulator.Services.GetRequiredService<RoomStore>();
        var listener = rooms.Join("floor", "supervisor-1", "Supervisor", "", ParticipantKind.Standard, new Dictionary<string, string>());

        var hidden = await client.UpdateParticipantPermissionAsync("floor", "supervisor-1", new LiveKitParticipantPermission { CanSubscribe = true, Hidden = true });
        Assert.Equal(new LiveKitParticipantPermission { CanSubscribe = true, Hidden = true }, hidden.Permission);
        Assert.False(listener.Permission.CanPublish);

        var speaking = await client.UpdateParticipantPermissionAsync("floor", "supervisor-1",
            new LiveKitParticipantPermission { CanSubscribe = true, CanPublish = true, CanPublishData = true });
        Assert.Equal(new LiveKitParticipantPermission { CanSubscribe = true, CanPublish = true, CanPublishData = true }, speaking.Permission);
        Assert.Equal((true, false), (listener.Permission.CanPublish, listener.Permission.Hidden));
        Assert.Equal("not_found", (await Refused(() => client.UpdateParticipantPermissionAsync("floor", "nobody", new LiveKitParticipantPermission()))).Code);
    }

    private static async Task<LiveKitTwirpException> Refused(Func<Task> call) => await Assert.ThrowsAsync<LiveKitTwirpException>(call);
}
