namespace VoicePlatform.Benchmarks.Ceilings;

/// <summary>A grain that does nothing: what a grain call costs the runtime alone.</summary>
[Alias("bench.IEmptyGrain")]
public interface IEmptyGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
