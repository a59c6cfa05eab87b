using VoicePlatform.Calls;

namespace VoicePlatform.Live;

/// <summary>A segment of a call's transcript; an interim one is replaced by later ones with the same id.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallTranscriptAdded")]
public sealed record CallTranscriptAdded : LiveEventPayload
{
    [Id(0)] public required CallId CallId { get; init; }
    [Id(1)] public required TranscriptSegment Segment { get; init; }
}
