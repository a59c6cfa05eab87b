namespace VoicePlatform.Benchmarks.StateWrites;

/// <summary>A state about the size of the platform's small grain records.</summary>
[GenerateSerializer, Alias("VoicePlatform.Benchmarks.StateWrites.StateWriteState")]
public sealed record StateWriteState
{
    [Id(0)] public long Sequence { get; init; }
    [Id(1)] public DateTimeOffset WrittenAt { get; init; }
    [Id(2)] public string Note { get; init; } = string.Empty;
}
