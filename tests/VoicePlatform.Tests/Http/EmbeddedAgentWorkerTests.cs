using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.LiveKitEmulator.Agents;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.Tests.Http;

/// <summary>In development mode the embedded emulator's scripted agent worker reports to the host it runs in.</summary>
[Collection(AgentWorkerHostCollection.Name)]
public sealed class EmbeddedAgentWorkerTests(AgentWorkerHostFixture host)
{
    [Fact]
    public void TheWorkerReportsToThisHostsOwnAddress()
    {
        var emulator = host.App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Services;
        Assert.NotNull(emulator.GetService<ScriptedAgentWorker>());
        var settings = emulator.GetRequiredService<IOptions<LiveKitEmulatorOptions>>().Value.AgentWorker;
        Assert.Equal(host.BaseAddress, settings.ResolvePlatformUrl());
    }
}
