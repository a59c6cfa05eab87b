using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Live;

/// <summary>One call at one moment: the call as the API shows it and its transcript so far.</summary>
public sealed record CallLiveSnapshot
{
    public required DateTimeOffset TakenAt { get; init; }
    public required CallView Call { get; init; }
    public required IReadOnlyList<TranscriptSegment> Transcript { get; init; }
    /// <summary>Where the call's events stand: apply those after <see cref="Sequence"/> under this epoch.</summary>
    public required string SourceEpoch { get; init; }
    public required long Sequence { get; init; }
}
