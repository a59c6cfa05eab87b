namespace VoicePlatform.Calls;

/// <summary>
/// A call as a watcher starts from: the call now, and where its live events stand (the next one on its stream is
/// <see cref="Sequence"/> + 1 under <see cref="SourceEpoch"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallWatch")]
public sealed record CallWatch
{
    [Id(0)] public required CallView Call { get; init; }
    [Id(1)] public required string SourceEpoch { get; init; }
    [Id(2)] public required long Sequence { get; init; }
}
