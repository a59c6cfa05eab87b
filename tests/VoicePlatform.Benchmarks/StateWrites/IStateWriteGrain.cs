namespace VoicePlatform.Benchmarks.StateWrites;

/// <summary>One durable grain-state write per call; exists only to measure the storage provider.</summary>
[Alias("VoicePlatform.Benchmarks.StateWrites.IStateWriteGrain")]
public interface IStateWriteGrain : IGrainWithIntegerKey
{
    /// <summary>Replaces the state with <paramref name="sequence"/> and returns once PostgreSQL has it.</summary>
    Task WriteAsync(long sequence);
}
