using Orleans.Streams;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Tests.Cluster;

[Alias("test.IStreamProbeGrain")]
public interface IStreamProbeGrain : IGrainWithStringKey
{
    /// <summary>Subscribes this grain to its own stream on the platform's live provider.</summary>
    Task SubscribeAsync();

    Task<IReadOnlyList<string>> ReceivedAsync();
}

/// <summary>An explicit stream subscriber: its subscription is what Orleans keeps in the PubSubStore.</summary>
[GrainType("test-stream-probe")]
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain
{
    private readonly List<string> _received = [];

    public async Task SubscribeAsync()
    {
        var stream = this.GetStreamProvider(StreamProviders.Live).GetStream<string>(StreamId.Create("test-probe", this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((item, _) =>
        {
            _received.Add(item);
            return Task.CompletedTask;
        });
    }

    public Task<IReadOnlyList<string>> ReceivedAsync() => Task.FromResult<IReadOnlyList<string>>(_received.ToList());
}
