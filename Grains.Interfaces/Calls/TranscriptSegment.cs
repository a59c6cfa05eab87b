namespace VoicePlatform.Calls;

/// <summary>
/// One utterance as the agent worker transcribed it. <see cref="Id"/> is the worker's: an interim segment is
/// replaced by later posts with the same id until one is final, and a final segment never changes again.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.TranscriptSegment")]
public sealed record TranscriptSegment
{
    public const int MaxIdLength = 64;
    public const int MaxTextLength = 4000;

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Speaker Speaker { get; init; }
    [Id(2)] public required string Text { get; init; }
    /// <summary>Milliseconds from the answer to the start of the utterance.</summary>
    [Id(3)] public required long StartMs { get; init; }
    [Id(4)] public required long EndMs { get; init; }
    [Id(5)] public bool Final { get; init; }
}
